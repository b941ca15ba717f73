package dynamo

import (
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// cursor is the opaque Query cursor: base64url (unpadded) JSON of the index and the
// ExclusiveStartKey to resume from. All three key attributes of a GSI position are strings.
type cursor struct {
	Index string            `json:"i"`
	Key   map[string]string `json:"k"`
}

// encodeCursor is the cursor resuming after it in index ix.
func encodeCursor(ix index, it domain.Item) (string, error) {
	av := encodeItem(it, 0)
	c := cursor{Index: ix.name, Key: map[string]string{}}
	for _, name := range []string{attrPK, ix.hashAttr, attrSK} {
		s, ok := av[name].(*types.AttributeValueMemberS)
		if !ok {
			return "", fmt.Errorf("cursor: item %s/%s has no %s", it.Kind, it.ID, name)
		}
		c.Key[name] = s.Value
	}
	b, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

// decodeCursor checks that s came from a query of the same index and partition; anything
// else is a ValidationError on "cursor" (DynamoDB would otherwise reject or misread it).
func decodeCursor(s string, ix index) (map[string]types.AttributeValue, error) {
	if s == "" {
		return nil, nil
	}
	invalid := domain.Invalid("cursor", "is not a cursor of this query")
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, invalid
	}
	var c cursor
	if err := json.Unmarshal(b, &c); err != nil || c.Index != ix.name || len(c.Key) != 3 {
		return nil, invalid
	}
	if c.Key[ix.hashAttr] != ix.hashValue || c.Key[attrPK] == "" || c.Key[attrSK] == "" {
		return nil, invalid
	}
	key := make(map[string]types.AttributeValue, 3)
	for name, v := range c.Key {
		key[name] = str(v)
	}
	return key, nil
}
