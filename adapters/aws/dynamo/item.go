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
	attrKindOwner  = "kindOwner"
	attrExpiresAt  = "expiresAt"
)

// Key encodings. Kinds of this product are plain words, so pk reads "distribution#d-123" as
// the contract says; a kind holding '#' or '%' is percent-escaped so that "<kind>#<id>" can
// never be read two ways (kind "a#b", id "c" against kind "a", id "b#c").
var kindEscaper = strings.NewReplacer("%", "%25", "#", "%23")

// pk is the partition key of an item.
func pk(kind domain.Kind, id string) string { return kindEscaper.Replace(string(kind)) + "#" + id }

// kindStatus is the byStatus partition key of an item; kindStatus(kind, owner) is also the
// byOwner one (a kind-scoped key: "<kind>#<value>").
func kindStatus(kind domain.Kind, status string) string {
	return kindEscaper.Replace(string(kind)) + "#" + status
}

// The sk attribute is the item's SortKey followed by its ID, encoded so that byte order of sk
// is the order (SortKey, ID): NUL and \x01 in the SortKey are escaped to \x01\x01 and
// \x01\x02, and an unescaped NUL ends it. DynamoDB leaves the order of equal index keys
// undefined; with the ID inside, every index position is unique and ties order by ID. An
// empty SortKey still indexes the item (first), and Get returns the SortKey exactly.
var (
	skEscaper   = strings.NewReplacer("\x01", "\x01\x02", "\x00", "\x01\x01")
	skUnescaper = strings.NewReplacer("\x01\x02", "\x01", "\x01\x01", "\x00")
)

// skValue is the sk attribute of an item.
func skValue(sortKey, id string) string { return skEscaper.Replace(sortKey) + "\x00" + id }

// skBelow is the bound for "SortKey < below": every sk whose SortKey is lower sorts under it,
// and one whose SortKey equals below sorts above it (it is longer).
func skBelow(below string) string { return skEscaper.Replace(below) }

// sortKeyOf recovers the SortKey from an sk attribute.
func sortKeyOf(sk string) (string, error) {
	i := strings.IndexByte(sk, 0)
	if i < 0 {
		return "", fmt.Errorf("stored item: %s %q has no terminator", attrSK, sk)
	}
	return skUnescaper.Replace(sk[:i]), nil
}

func str(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }
func num(n int64) types.AttributeValue {
	return &types.AttributeValueMemberN{Value: strconv.FormatInt(n, 10)}
}

// encodeItem lays an item out as stored. Parent, Status and Owner are left out when empty, so
// the item stays out of those sparse indexes (DynamoDB rejects an empty string as an index key).
func encodeItem(it domain.Item, expiresAt int64) map[string]types.AttributeValue {
	av := map[string]types.AttributeValue{
		attrPK:      str(pk(it.Kind, it.ID)),
		attrKind:    str(string(it.Kind)),
		attrID:      str(it.ID),
		attrVersion: num(it.Version),
		attrSK:      str(skValue(it.SortKey, it.ID)),
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
	if it.Owner != "" {
		av[attrKindOwner] = str(kindStatus(it.Kind, it.Owner))
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
	sk, err := getS(av, attrSK, true, err)
	it.Parent, err = getS(av, attrParent, false, err)
	ks, err := getS(av, attrKindStatus, false, err)
	ko, err := getS(av, attrKindOwner, false, err)
	if err != nil {
		return domain.Item{}, err
	}
	if it.SortKey, err = sortKeyOf(sk); err != nil {
		return domain.Item{}, err
	}
	if it.Status, err = kindScoped(it.Kind, attrKindStatus, ks); err != nil {
		return domain.Item{}, err
	}
	if it.Owner, err = kindScoped(it.Kind, attrKindOwner, ko); err != nil {
		return domain.Item{}, err
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

// kindScoped strips the "<kind>#" prefix of a kind-scoped index attribute ("" stays "").
func kindScoped(kind domain.Kind, attr, v string) (string, error) {
	if v == "" {
		return "", nil
	}
	rest, ok := strings.CutPrefix(v, kindStatus(kind, ""))
	if !ok {
		return "", fmt.Errorf("stored item: %s %q does not start with its kind", attr, v)
	}
	return rest, nil
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
