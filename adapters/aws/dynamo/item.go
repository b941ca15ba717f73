package dynamo

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// Attribute names (docs/aws-resources.md).
const (
	attrPK         = "pk"
	attrKind       = "kind"
	attrID         = "id"
	attrVersion    = "version"
	attrSK         = "sk"
	attrBody       = "body"
	attrParent     = "parent"
	attrKindStatus = "kindStatus"
	attrExpiresAt  = "expiresAt"
)

// pk is the partition key of an item.
func pk(kind domain.Kind, id string) string { return string(kind) + "#" + id }

// kindStatus is the byStatus partition key of an item.
func kindStatus(kind domain.Kind, status string) string { return string(kind) + "#" + status }

func str(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }
func num(n int64) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(n, 10)}
}

// encodeItem lays an item out as stored. Optional attributes are left out when empty, so the
// item stays out of the sparse indexes (an item without SortKey is in no index at all:
// DynamoDB rejects an empty string as an index key).
func encodeItem(it domain.Item, expiresAt int64) map[string]types.AttributeValue {
	av := map[string]types.AttributeValue{
		attrPK:      str(pk(it.Kind, it.ID)),
		attrKind:    str(string(it.Kind)),
		attrID:      str(it.ID),
		attrVersion: num(it.Version),
	}
	if it.SortKey != "" {
		av[attrSK] = str(it.SortKey)
	}
	if len(it.Body) > 0 {
		av[attrBody] = &types.AttributeValueMemberB{Value: it.Body}
	}
	if it.Parent != "" {
		av[attrParent] = str(it.Parent)
	}
	if it.Status != "" {
		av[attrKindStatus] = str(kindStatus(it.Kind, it.Status))
	}
	if expiresAt > 0 {
		av[attrExpiresAt] = num(expiresAt)
	}
	return av
}

// decodeItem reads a stored item back.
func decodeItem(av map[string]types.AttributeValue) (domain.Item, error) {
	var it domain.Item
	var err error
	kind, err := getS(av, attrKind, true, err)
	it.Kind = domain.Kind(kind)
	it.ID, err = getS(av, attrID, true, err)
	it.SortKey, err = getS(av, attrSK, false, err)
	it.Parent, err = getS(av, attrParent, false, err)
	ks, err := getS(av, attrKindStatus, false, err)
	if err != nil {
		return domain.Item{}, err
	}
	if ks != "" {
		status, ok := strings.CutPrefix(ks, kind+"#")
		if !ok {
			return domain.Item{}, fmt.Errorf("stored item: %s %q does not start with its kind", attrKindStatus, ks)
		}
		it.Status = status
	}
	v, ok := av[attrVersion].(*types.AttributeValueMemberN)
	if !ok {
		return domain.Item{}, fmt.Errorf("stored item: %s missing or not a number", attrVersion)
	}
	if it.Version, err = strconv.ParseInt(v.Value, 10, 64); err != nil {
		return domain.Item{}, fmt.Errorf("stored item: %s: %w", attrVersion, err)
	}
	switch b := av[attrBody].(type) {
	case nil:
	case *types.AttributeValueMemberB:
		it.Body = b.Value
	default:
		return domain.Item{}, fmt.Errorf("stored item: %s is not binary", attrBody)
	}
	return it, nil
}

// getS reads a string attribute, keeping the first error.
func getS(av map[string]types.AttributeValue, name string, required bool, prev error) (string, error) {
	if prev != nil {
		return "", prev
	}
	switch v := av[name].(type) {
	case *types.AttributeValueMemberS:
		return v.Value, nil
	case nil:
		if required {
			return "", fmt.Errorf("stored item: %s missing", name)
		}
		return "", nil
	default:
		return "", errors.New("stored item: " + name + " is not a string")
	}
}

// versionOf reads the version of a stored item (0 when absent or unreadable).
func versionOf(av map[string]types.AttributeValue) int64 {
	v, ok := av[attrVersion].(*types.AttributeValueMemberN)
	if !ok {
		return 0
	}
	n, _ := strconv.ParseInt(v.Value, 10, 64)
	return n
}
