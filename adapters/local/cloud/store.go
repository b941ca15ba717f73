package cloud

import (
	"encoding/json"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// bbolt buckets, one per kind of simulated resource (and one per secondary index).
var (
	bktDistributions = []byte("distributions")     // id → distRecord
	bktCallerRefs    = []byte("caller-refs")       // CallerReference → distribution id
	bktInvalidations = []byte("invalidations")     // distID/invID → invalidationRecord
	bktInvRefs       = []byte("invalidation-refs") // distID/CallerReference → invID
	bktOACs          = []byte("oacs")              // id → oacRecord
	bktORPs          = []byte("origin-request-policies")
	bktRHPs          = []byte("response-headers-policies") // name → rhpRecord
	bktCFFunctions   = []byte("cloudfront-functions")      // name → cfFunctionRecord
	bktTags          = []byte("tags")                      // ARN → map[string]string
	bktS3Buckets     = []byte("s3-buckets")                // name → bucketRecord
	bktS3Objects     = []byte("s3-objects")                // bucket \x00 key → body
	bktLambdas       = []byte("lambda-functions")          // name → lambdaRecord
)

func createBuckets(tx *bolt.Tx) error {
	for _, b := range [][]byte{bktDistributions, bktCallerRefs, bktInvalidations, bktInvRefs,
		bktOACs, bktORPs, bktRHPs, bktCFFunctions, bktTags, bktS3Buckets, bktS3Objects, bktLambdas} {
		if _, err := tx.CreateBucketIfNotExists(b); err != nil {
			return fmt.Errorf("create bucket %s: %w", b, err)
		}
	}
	return nil
}

// getJSON loads key from bucket b into a T; ok is false when the key is absent.
func getJSON[T any](tx *bolt.Tx, b []byte, key string) (v T, ok bool, err error) {
	raw := tx.Bucket(b).Get([]byte(key))
	if raw == nil {
		return v, false, nil
	}
	if err := json.Unmarshal(raw, &v); err != nil {
		return v, false, fmt.Errorf("decode %s/%s: %w", b, key, err)
	}
	return v, true, nil
}

func putJSON(tx *bolt.Tx, b []byte, key string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s/%s: %w", b, key, err)
	}
	if err := tx.Bucket(b).Put([]byte(key), raw); err != nil {
		return fmt.Errorf("put %s/%s: %w", b, key, err)
	}
	return nil
}

func deleteKey(tx *bolt.Tx, b []byte, key string) error {
	if err := tx.Bucket(b).Delete([]byte(key)); err != nil {
		return fmt.Errorf("delete %s/%s: %w", b, key, err)
	}
	return nil
}

// eachJSON decodes every value of bucket b whose key starts with prefix, in key order.
func eachJSON[T any](tx *bolt.Tx, b []byte, prefix string, fn func(key string, v T) error) error {
	cur := tx.Bucket(b).Cursor()
	p := []byte(prefix)
	for k, raw := cur.Seek(p); k != nil && hasPrefix(k, p); k, raw = cur.Next() {
		var v T
		if err := json.Unmarshal(raw, &v); err != nil {
			return fmt.Errorf("decode %s/%s: %w", b, k, err)
		}
		if err := fn(string(k), v); err != nil {
			return err
		}
	}
	return nil
}

func hasPrefix(k, p []byte) bool { return len(k) >= len(p) && string(k[:len(p)]) == string(p) }

func deletePrefix(tx *bolt.Tx, b []byte, prefix string) error {
	cur := tx.Bucket(b).Cursor()
	p := []byte(prefix)
	for k, _ := cur.Seek(p); k != nil && hasPrefix(k, p); k, _ = cur.Seek(p) {
		if err := cur.Delete(); err != nil {
			return fmt.Errorf("delete %s/%s: %w", b, k, err)
		}
	}
	return nil
}
