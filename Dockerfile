# catwalk serve: the Catwalk server with the database shipped in the package.
#   docker build -t catwalk . && docker run -p 8080:8080 catwalk
# Stateless: run as many as you like behind a load balancer or a CDN (README, "Serving").
FROM python:3.12-slim AS build
WORKDIR /src
COPY . .
RUN pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.12-slim
# The database and the schema are inside the wheel: nothing else is copied.
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir "$(ls /wheels/catwalk_db-*.whl)[serve]" \
    && rm -rf /wheels \
    && useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin catwalk
USER 10001
ENV CATWALK_PORT=8080 PYTHONUNBUFFERED=1
EXPOSE 8080
# /healthz on the port the server listens on (CATWALK_PORT, `tcp://...` meaning 8080).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request; p = os.environ.get('CATWALK_PORT', ''); p = p if p.isdigit() else '8080'; sys.exit(urllib.request.urlopen(f'http://127.0.0.1:{p}/healthz', timeout=4).read() != b'OK')"]
# SIGTERM stops it gracefully; SIGHUP (docker kill -s HUP) re-checks and reloads the database.
ENTRYPOINT ["catwalk", "serve"]
