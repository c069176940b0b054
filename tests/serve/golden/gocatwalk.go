// The Go side of tests/serve, with structs shaped like upstream Catwalk's pkg/catwalk types
// (same fields, same tags):
//
//	gocatwalk encode OUT_INDENTED OUT_COMPACT FILE...
//	    the provider files decoded and encoded by encoding/json, indented as the server
//	    sends them and compact as Crush re-encodes them (the goldens);
//	gocatwalk floats < JSON_ARRAY
//	    the array of float64 re-encoded (Go's float formatting);
//	gocatwalk crush URL
//	    what Crush does: GET URL/v2/providers, decode, tag json.Marshal of what it decoded,
//	    send that tag back; prints the two status codes.
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
)

type ModelOptions struct {
	Temperature      *float64       `json:"temperature,omitempty"`
	TopP             *float64       `json:"top_p,omitempty"`
	TopK             *int64         `json:"top_k,omitempty"`
	FrequencyPenalty *float64       `json:"frequency_penalty,omitempty"`
	PresencePenalty  *float64       `json:"presence_penalty,omitempty"`
	ProviderOptions  map[string]any `json:"provider_options,omitempty"`
}

type Model struct {
	ID                     string       `json:"id"`
	Name                   string       `json:"name"`
	CostPer1MIn            float64      `json:"cost_per_1m_in"`
	CostPer1MOut           float64      `json:"cost_per_1m_out"`
	CostPer1MInCached      float64      `json:"cost_per_1m_in_cached"`
	CostPer1MOutCached     float64      `json:"cost_per_1m_out_cached"`
	ContextWindow          int64        `json:"context_window"`
	DefaultMaxTokens       int64        `json:"default_max_tokens"`
	CanReason              bool         `json:"can_reason"`
	ReasoningLevels        []string     `json:"reasoning_levels,omitempty"`
	DefaultReasoningEffort string       `json:"default_reasoning_effort,omitempty"`
	SupportsImages         bool         `json:"supports_attachments"`
	Options                ModelOptions `json:"options,omitzero"`
}

type Provider struct {
	Name                string            `json:"name"`
	ID                  string            `json:"id"`
	APIKey              string            `json:"api_key,omitempty"`
	APIEndpoint         string            `json:"api_endpoint,omitempty"`
	Type                string            `json:"type,omitempty"`
	DefaultLargeModelID string            `json:"default_large_model_id,omitempty"`
	DefaultSmallModelID string            `json:"default_small_model_id,omitempty"`
	Models              []Model           `json:"models,omitempty"`
	DefaultHeaders      map[string]string `json:"default_headers,omitempty"`
}

func main() {
	switch os.Args[1] {
	case "encode":
		encode(os.Args[2], os.Args[3], os.Args[4:])
	case "floats":
		var values []float64
		if err := json.NewDecoder(os.Stdin).Decode(&values); err != nil {
			panic(err)
		}
		out, err := json.Marshal(values)
		if err != nil {
			panic(err)
		}
		os.Stdout.Write(out)
	case "crush":
		crush(os.Args[2])
	}
}

func tag(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:16])
}

func get(url, etag string) (*http.Response, []byte) {
	req, err := http.NewRequest(http.MethodGet, url+"/v2/providers", nil)
	if err != nil {
		panic(err)
	}
	if etag != "" {
		req.Header.Set("If-None-Match", fmt.Sprintf(`"%s"`, etag))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		panic(err)
	}
	return resp, body
}

func crush(url string) {
	first, body := get(url, "")
	var providers []Provider
	if err := json.Unmarshal(body, &providers); err != nil {
		panic(err)
	}
	compact, err := json.Marshal(providers)
	if err != nil {
		panic(err)
	}
	second, _ := get(url, tag(compact))
	// Go's client asks for gzip itself and decompresses: Uncompressed says it did.
	fmt.Println(first.StatusCode, second.StatusCode, first.Uncompressed, len(providers))
}

func encode(outIndented, outCompact string, paths []string) {
	var providers []Provider
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			panic(err)
		}
		var p Provider
		if err := json.Unmarshal(data, &p); err != nil {
			panic(path + ": " + err.Error())
		}
		providers = append(providers, p)
	}
	indented, err := json.MarshalIndent(providers, "", "  ")
	if err != nil {
		panic(err)
	}
	compact, err := json.Marshal(providers)
	if err != nil {
		panic(err)
	}
	if err := os.WriteFile(outIndented, indented, 0o644); err != nil {
		panic(err)
	}
	if err := os.WriteFile(outCompact, compact, 0o644); err != nil {
		panic(err)
	}
}
