// The baseline of bench_serve.py: a minimal net/http handler serving a providers body the
// way upstream Catwalk does (ETag of the body, If-None-Match -> 304, no compression).
//
//	go run main.go BODY_FILE PORT
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"os"
	"strings"
)

func main() {
	body, err := os.ReadFile(os.Args[1])
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256(body)
	tag := hex.EncodeToString(sum[:16])
	http.HandleFunc("/v2/providers", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("ETag", `"`+tag+`"`)
		if strings.Trim(r.Header.Get("If-None-Match"), `"`) == tag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		_, _ = w.Write(body)
	})
	if err := http.ListenAndServe("127.0.0.1:"+os.Args[2], nil); err != nil {
		panic(err)
	}
}
