"""A small fake of the GitHub REST API, served over real HTTP on 127.0.0.1.

It keeps issues, comments and labels in memory and implements what the issue sync uses:
the issues list (state/labels filters, pagination through `Link`, pull requests mixed
in, ETag / If-None-Match -> 304), issue create/update, comments list/create, labels
list/create, rate-limit headers on every response, bearer-token auth, 404 for other
repositories and 410 when issues are disabled. Faults can be scripted per request
(e.g. a secondary-rate-limit 403 with Retry-After on the first write), optionally after
the request has been applied (a 502 that still created the issue).
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

WRITE_METHODS = frozenset({"POST", "PATCH", "PUT", "DELETE"})


@dataclass
class FakeIssue:
    number: int
    title: str
    body: str
    labels: list[str]
    state: str = "open"
    state_reason: str | None = None
    created_at: str = ""
    closed_at: str | None = None
    pull_request: bool = False
    comments: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self, base: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "number": self.number,
            "title": self.title,
            "body": self.body,
            "state": self.state,
            "state_reason": self.state_reason,
            "labels": [{"name": name} for name in self.labels],
            "created_at": self.created_at,
            "closed_at": self.closed_at,
            "comments": len(self.comments),
            "html_url": f"{base}/issues/{self.number}",
            "user": {"login": "github-actions[bot]"},
        }
        if self.pull_request:
            data["pull_request"] = {"url": f"{base}/pulls/{self.number}"}
        return data


@dataclass
class Fault:
    methods: frozenset[str]
    path: re.Pattern[str]
    status: int
    headers: dict[str, str]
    body: Any
    times: int
    after: bool  # apply the request first, then answer with the fault


@dataclass(frozen=True)
class Recorded:
    method: str
    path: str
    query: str
    status: int
    body: Any

    @property
    def is_write(self) -> bool:
        return self.method in WRITE_METHODS


class FakeGitHub:
    def __init__(
        self, owner: str = "acme", repo: str = "catwalk", token: str = "test-token", page_size: int = 100
    ):
        self.owner, self.repo, self.token = owner, repo, token
        self.page_size = page_size
        self.issues: dict[int, FakeIssue] = {}
        self.labels: dict[str, dict[str, Any]] = {}
        self.requests: list[Recorded] = []
        self.faults: list[Fault] = []
        self.issues_disabled = False
        self.reject_duplicate_reason = False
        self.remaining = 5000
        self._next = 1
        self._comment_id = 1000
        self._clock = 0
        # Git data for the drift pull requests: branch -> commit sha, commit sha ->
        # {path: text}, and the pull requests (issues numbers are shared, as on GitHub).
        self.branches: dict[str, str] = {"main": "c0"}
        self.commits: dict[str, dict[str, str]] = {"c0": {}}
        self.pulls: dict[int, dict[str, Any]] = {}
        self.lock = threading.RLock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    # Lifecycle -------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def repo_name(self) -> str:
        return f"{self.owner}/{self.repo}"

    def start(self) -> FakeGitHub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    # Seeding and inspection ------------------------------------------------------

    def _stamp(self) -> str:
        self._clock += 1
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(1_700_000_000 + self._clock))

    def add_issue(
        self,
        title: str,
        body: str = "",
        labels: list[str] | None = None,
        *,
        state: str = "open",
        state_reason: str | None = None,
        pull_request: bool = False,
    ) -> FakeIssue:
        with self.lock:
            issue = FakeIssue(
                self._next,
                title,
                body,
                list(labels or []),
                state,
                state_reason,
                self._stamp(),
                pull_request=pull_request,
            )
            self.issues[issue.number] = issue
            self._next += 1
            return issue

    def add_label(self, name: str) -> None:
        self.labels[name.lower()] = {"name": name, "color": "ededed", "description": ""}

    def add_fault(
        self,
        methods: str,
        path: str,
        status: int,
        headers: dict[str, str] | None = None,
        body: Any = None,
        *,
        times: int = 1,
        after: bool = False,
    ) -> None:
        self.faults.append(
            Fault(
                frozenset(methods.split("|")),
                re.compile(path),
                status,
                headers or {},
                body if body is not None else {"message": "fault"},
                times,
                after,
            )
        )

    def writes(self) -> list[Recorded]:
        return [r for r in self.requests if r.is_write]

    def mark(self) -> int:
        """Position in the request log, to count what a later run does."""
        return len(self.requests)

    def writes_since(self, mark: int) -> list[Recorded]:
        return [r for r in self.requests[mark:] if r.is_write]

    def drift_issues(self, provider: str | None = None) -> list[FakeIssue]:
        found = []
        for issue in self.issues.values():
            if issue.pull_request or "catwalk-drift {" not in issue.body:
                continue
            if provider is None or f'"provider":"{provider}"' in issue.body:
                found.append(issue)
        return sorted(found, key=lambda i: i.number)

    def all_text(self) -> str:
        """Every title, body and comment, to search for leaked secrets."""
        parts = []
        for issue in self.issues.values():
            parts += [issue.title, issue.body, *(c["body"] for c in issue.comments)]
        parts += [json.dumps(label) for label in self.labels.values()]
        return "\n".join(parts)

    # Request handling --------------------------------------------------------------

    def handle(
        self, method: str, raw_path: str, headers: dict[str, str], payload: Any
    ) -> tuple[int, dict[str, str], Any]:
        with self.lock:
            split = urlsplit(raw_path)
            path, query = split.path, parse_qs(split.query)
            status, out_headers, body = self._route(method, path, query, headers, payload)
            if status != 304:
                self.remaining = max(0, self.remaining - 1)
            rate = {
                "x-ratelimit-limit": "5000",
                "x-ratelimit-remaining": str(self.remaining),
                "x-ratelimit-reset": str(int(time.time()) + 3600),
                "x-ratelimit-used": str(5000 - self.remaining),
                "x-ratelimit-resource": "core",
            }
            out_headers = {**rate, **out_headers}
            self.requests.append(Recorded(method, path, split.query, status, payload))
            return status, out_headers, body

    def _fault(self, method: str, path: str) -> Fault | None:
        for fault in self.faults:
            if fault.times > 0 and method in fault.methods and fault.path.search(path):
                fault.times -= 1
                return fault
        return None

    def _route(
        self, method: str, path: str, query: dict[str, list[str]], headers: dict[str, str], payload: Any
    ) -> tuple[int, dict[str, str], Any]:
        auth = headers.get("authorization")
        if auth is not None and auth != f"Bearer {self.token}":
            return 401, {}, {"message": "Bad credentials"}
        if auth is None and method in WRITE_METHODS:
            return 401, {}, {"message": "Requires authentication"}
        prefix = f"/repos/{self.owner}/{self.repo}"
        if not path.startswith(prefix + "/"):
            return 404, {}, {"message": "Not Found"}
        rest = path[len(prefix) :]
        fault = self._fault(method, rest)
        if fault is not None and not fault.after:
            return fault.status, fault.headers, fault.body
        result = self._dispatch(method, rest, query, headers, payload)
        if fault is not None:
            return fault.status, fault.headers, fault.body
        return result

    def _dispatch(
        self, method: str, rest: str, query: dict[str, list[str]], headers: dict[str, str], payload: Any
    ) -> tuple[int, dict[str, str], Any]:
        base = f"{self.url}/repos/{self.owner}/{self.repo}"
        if rest.startswith("/issues") and self.issues_disabled:
            return 410, {}, {"message": "Issues are disabled for this repo"}
        if rest == "/issues" and method == "GET":
            items = self._filter_issues(query)
            return self._page(rest, query, headers, [i.to_json(base) for i in items])
        if rest == "/issues" and method == "POST":
            if not isinstance(payload, dict) or not isinstance(payload.get("title"), str):
                return (
                    422,
                    {},
                    {"message": "Validation Failed", "errors": [{"field": "title", "code": "missing"}]},
                )
            labels = [str(x) for x in payload.get("labels") or []]
            for name in labels:
                if name.lower() not in self.labels:
                    self.add_label(name)
            issue = self.add_issue(payload["title"], payload.get("body") or "", labels)
            return 201, {}, issue.to_json(base)
        match = re.fullmatch(r"/issues/(\d+)(/comments)?", rest)
        if match:
            found = self.issues.get(int(match.group(1)))
            if found is None:
                return 404, {}, {"message": "Not Found"}
            issue = found
            if match.group(2) and method == "GET":
                return self._page(rest, query, headers, list(issue.comments))
            if match.group(2) and method == "POST":
                return self._add_comment(issue, payload)
            if match.group(2):
                return 404, {}, {"message": "Not Found"}
            if method == "GET":
                return 200, {}, issue.to_json(base)
            if method == "PATCH":
                return self._edit(issue, payload, base)
        git = self._git(method, rest, query, payload, base)
        if git is not None:
            return git
        if rest == "/labels" and method == "GET":
            return self._page(rest, query, headers, list(self.labels.values()))
        if rest == "/labels" and method == "POST":
            new_label: Any = payload.get("name") if isinstance(payload, dict) else None
            if not isinstance(new_label, str) or not new_label:
                return (
                    422,
                    {},
                    {"message": "Validation Failed", "errors": [{"field": "name", "code": "missing"}]},
                )
            if new_label.lower() in self.labels:
                return 422, {}, {"message": "Validation Failed", "errors": [{"code": "already_exists"}]}
            self.labels[new_label.lower()] = {
                "name": new_label,
                "color": payload.get("color", "ededed"),
                "description": payload.get("description", ""),
            }
            return 201, {}, self.labels[new_label.lower()]
        return 404, {}, {"message": "Not Found"}

    # Git data and pull requests ---------------------------------------------------------

    def seed_file(self, path: str, text: str, branch: str = "main") -> None:
        """A commit on `branch` that sets `path` (the base repository's contents)."""
        files = {**self.commits[self.branches[branch]], path: text}
        sha = f"c{len(self.commits)}"
        self.commits[sha] = files
        self.branches[branch] = sha

    def file_on(self, branch: str, path: str) -> str | None:
        return self.commits[self.branches[branch]].get(path)

    def merge_pull(self, number: int) -> None:
        pull = self.pulls[number]
        self.branches[pull["base"]] = self.branches[pull["head"]]
        pull.update(state="closed", merged_at=self._stamp())

    def close_pull(self, number: int) -> None:
        self.pulls[number]["state"] = "closed"

    def _git(
        self, method: str, rest: str, query: dict[str, list[str]], payload: Any, base: str
    ) -> tuple[int, dict[str, str], Any] | None:
        import base64
        import hashlib

        ref = re.fullmatch(r"/git/refs?/heads/(.+)", rest)
        if ref:
            branch = ref.group(1)
            if method == "GET":
                if branch not in self.branches:
                    return 404, {}, {"message": "Not Found"}
                return 200, {}, {"ref": f"refs/heads/{branch}", "object": {"sha": self.branches[branch]}}
            if method == "PATCH":
                if branch not in self.branches or payload.get("sha") not in self.commits:
                    return 422, {}, {"message": "Reference does not exist"}
                self.branches[branch] = payload["sha"]
                return 200, {}, {"ref": f"refs/heads/{branch}"}
            if method == "DELETE":
                if self.branches.pop(branch, None) is None:
                    return 422, {}, {"message": "Reference does not exist"}
                return 204, {}, None
        if rest == "/git/refs" and method == "POST":
            name = str(payload.get("ref", "")).removeprefix("refs/heads/")
            if name in self.branches:
                return 422, {}, {"message": "Reference already exists"}
            self.branches[name] = payload["sha"]
            return 201, {}, {"ref": payload["ref"]}
        content = re.fullmatch(r"/contents/(.+)", rest)
        if content:
            path = content.group(1)
            if method == "GET":
                wanted = (query.get("ref") or ["main"])[0]
                commit = self.branches.get(wanted, wanted)
                text = self.commits.get(commit, {}).get(path)
                if text is None:
                    return 404, {}, {"message": "Not Found"}
                return 200, {}, {"path": path, "sha": hashlib.sha1(text.encode()).hexdigest()}
            if method == "PUT":
                branch = payload["branch"]
                files = dict(self.commits[self.branches[branch]])
                old = files.get(path)
                if old is not None and payload.get("sha") != hashlib.sha1(old.encode()).hexdigest():
                    return 409, {}, {"message": "sha does not match"}
                files[path] = base64.b64decode(payload["content"]).decode("utf-8")
                sha = f"c{len(self.commits)}"
                self.commits[sha] = files
                self.branches[branch] = sha
                return 200, {}, {"commit": {"sha": sha}}
        if rest == "/pulls" and method == "GET":
            head = (query.get("head") or [""])[0].partition(":")[2]
            found = [p for p in self.pulls.values() if not head or p["head"] == head]
            return 200, {}, [self._pull_json(p) for p in found]
        if rest == "/pulls" and method == "POST":
            number = self._next
            self._next += 1
            self.pulls[number] = {
                "number": number,
                "title": payload["title"],
                "body": payload.get("body", ""),
                "head": payload["head"],
                "base": payload["base"],
                "state": "open",
                "merged_at": None,
                "comments": [],
            }
            self.issues[number] = FakeIssue(
                number, payload["title"], payload.get("body", ""), [], pull_request=True
            )
            return 201, {}, self._pull_json(self.pulls[number])
        pull = re.fullmatch(r"/pulls/(\d+)", rest)
        if pull and method == "PATCH":
            found_pull = self.pulls.get(int(pull.group(1)))
            if found_pull is None:
                return 404, {}, {"message": "Not Found"}
            for key in ("body", "state", "title"):
                if key in payload:
                    found_pull[key] = payload[key]
            return 200, {}, self._pull_json(found_pull)
        return None

    def _pull_json(self, pull: dict[str, Any]) -> dict[str, Any]:
        return {key: pull[key] for key in ("number", "title", "body", "state", "merged_at")} | {
            "head": {"ref": pull["head"]},
            "base": {"ref": pull["base"]},
        }

    def _filter_issues(self, query: dict[str, list[str]]) -> list[FakeIssue]:
        state = query.get("state", ["open"])[0]
        wanted = [x.strip().lower() for x in query.get("labels", [""])[0].split(",") if x.strip()]
        items = []
        for issue in self.issues.values():
            if state not in ("all", issue.state):
                continue
            names = {n.lower() for n in issue.labels}
            if any(w not in names for w in wanted):
                continue
            items.append(issue)
        return sorted(items, key=lambda i: i.number, reverse=True)  # GitHub: newest first

    def _edit(self, issue: FakeIssue, payload: Any, base: str) -> tuple[int, dict[str, str], Any]:
        if not isinstance(payload, dict):
            return 400, {}, {"message": "Problems parsing JSON"}
        reason = payload.get("state_reason")
        if reason not in (None, "completed", "not_planned", "reopened", "duplicate") or (
            reason == "duplicate" and self.reject_duplicate_reason
        ):
            return (
                422,
                {},
                {"message": "Validation Failed", "errors": [{"field": "state_reason", "code": "invalid"}]},
            )
        if "title" in payload:
            issue.title = payload["title"]
        if "body" in payload:
            issue.body = payload["body"]
        if "labels" in payload:
            issue.labels = list(payload["labels"])
        state = payload.get("state")
        if state == "closed" and issue.state != "closed":
            issue.state, issue.closed_at = "closed", self._stamp()
            issue.state_reason = reason or "completed"
        elif state == "open" and issue.state != "open":
            issue.state, issue.closed_at, issue.state_reason = "open", None, "reopened"
        return 200, {}, issue.to_json(base)

    def _add_comment(self, issue: FakeIssue, payload: Any) -> tuple[int, dict[str, str], Any]:
        if not isinstance(payload, dict) or not isinstance(payload.get("body"), str):
            return 422, {}, {"message": "Validation Failed"}
        self._comment_id += 1
        comment = {"id": self._comment_id, "body": payload["body"], "created_at": self._stamp()}
        issue.comments.append(comment)
        return 201, {}, comment

    def _page(
        self, rest: str, query: dict[str, list[str]], headers: dict[str, str], items: list[Any]
    ) -> tuple[int, dict[str, str], Any]:
        per_page = min(int(query.get("per_page", ["30"])[0]), self.page_size)
        page = int(query.get("page", ["1"])[0])
        last = max(1, -(-len(items) // per_page))
        chunk = items[(page - 1) * per_page : page * per_page]
        out: dict[str, str] = {}
        links = []

        def link(number: int, rel: str) -> str:
            params = {k: v[0] for k, v in query.items()}
            params["page"] = str(number)
            return f'<{self.url}/repos/{self.owner}/{self.repo}{rest}?{urlencode(params)}>; rel="{rel}"'

        if page < last:
            links += [link(page + 1, "next"), link(last, "last")]
        if page > 1:
            links += [link(1, "first"), link(page - 1, "prev")]
        if links:
            out["Link"] = ", ".join(links)
        body_text = json.dumps(chunk, sort_keys=True)
        etag = 'W/"' + hashlib.sha256((body_text + out.get("Link", "")).encode()).hexdigest()[:32] + '"'
        out["ETag"] = etag
        if headers.get("if-none-match") == etag:
            return 304, out, None
        return 200, out, chunk


def _handler(fake: FakeGitHub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out separately; no 40 ms stalls

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def _serve(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                payload = json.loads(raw) if raw else None
            except json.JSONDecodeError:
                payload = None
            headers = {k.lower(): v for k, v in self.headers.items()}
            status, out_headers, body = fake.handle(self.command, self.path, headers, payload)
            data = b"" if status == 304 or body is None else json.dumps(body).encode()
            self.send_response(status)
            for key, value in out_headers.items():
                self.send_header(key, value)
            if data:
                self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if data:
                self.wfile.write(data)

        do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve

    return Handler
