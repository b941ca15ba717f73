package dynamo

import (
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// DynamoDB TTL deletes expired items lazily (typically within days), so the store itself
// treats an item whose expiresAt has passed as absent: Get misses it, Query filters it out, a
// Version 1 Put may replace it and a Put of n>1 or a versioned Delete fails on it.

// Condition fragments shared by every write; #exp and :now are always bound.
const (
	condNotLive = "(attribute_not_exists(#pk) OR #exp <= :now)"
	condLive    = "(attribute_not_exists(#exp) OR #exp > :now)"
)

// expiresAt is the TTL of a new write of kind, in epoch seconds (0 = never).
func (s *Store) expiresAt(kind domain.Kind) int64 {
	d, ok := s.ttl[kind]
	if !ok {
		return 0
	}
	return s.now().Add(d).Unix()
}

// expired reports whether a stored item's expiresAt has passed.
func (s *Store) expired(av map[string]types.AttributeValue) bool {
	v, ok := av[attrExpiresAt].(*types.AttributeValueMemberN)
	if !ok {
		return false
	}
	n, err := strconv.ParseInt(v.Value, 10, 64)
	return err == nil && n <= s.now().Unix()
}

// nowValue is :now in expressions.
func (s *Store) nowValue() types.AttributeValue { return num(s.now().Unix()) }
