package cloud

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/cloudfront-manager/cfm/domain"
)

func (c *Cloud) updateLambda(name string, change func(*lambdaRecord) error) (rec lambdaRecord, err error) {
	err = c.db.Update(func(tx *bolt.Tx) error {
		if rec, err = loadLambda(tx, name); err != nil {
			return err
		}
		if err := change(&rec); err != nil {
			return err
		}
		return putJSON(tx, bktLambdas, name, rec)
	})
	return rec, err
}

func loadLambda(tx *bolt.Tx, name string) (lambdaRecord, error) {
	rec, ok, err := getJSON[lambdaRecord](tx, bktLambdas, name)
	if err == nil && !ok {
		err = fmt.Errorf("ResourceNotFoundException: Function not found: %s: %w", name, domain.ErrNotFound)
	}
	return rec, err
}

// checkZip verifies the package is a readable zip archive, as Lambda does, and returns its
// base64 SHA-256 and size.
func checkZip(b []byte) (string, int64, error) {
	if _, err := zip.NewReader(bytes.NewReader(b), int64(len(b))); err != nil {
		return "", 0, fmt.Errorf("InvalidParameterValueException: Could not unzip uploaded file: %w", err)
	}
	sum := sha256.Sum256(b)
	return base64.StdEncoding.EncodeToString(sum[:]), int64(len(b)), nil
}
