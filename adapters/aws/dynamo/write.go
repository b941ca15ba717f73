package dynamo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/cloudfront-manager/cfm/domain"
)

// MaxWrites is the most writes one Write may carry (a DynamoDB transaction's limit).
const MaxWrites = 100

// Write applies every write atomically, each under its version condition:
// a Put of Version 1 requires no (live) item, a Put of n>1 requires stored version n-1,
// a Delete of n>0 requires stored version n and a Delete of 0 is unconditional.
// A lost condition is ErrConflict naming the item.
func (s *Store) Write(ctx context.Context, writes ...domain.Write) error {
	if len(writes) == 0 {
		return nil
	}
	names, err := checkWrites(writes)
	if err != nil {
		return err
	}
	now := s.nowValue()
	items := make([]types.TransactWriteItem, len(writes))
	for i, w := range writes {
		items[i] = s.transactItem(w, now)
	}
	_, err = s.api.TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{TransactItems: items})
	if err != nil {
		return classifyWrite(names, err)
	}
	return nil
}

// checkWrites rejects what DynamoDB would reject, with the field at fault, and names each write.
func checkWrites(writes []domain.Write) ([]string, error) {
	if len(writes) > MaxWrites {
		return nil, domain.Permanent(domain.Invalid("writes", "%d writes in one transaction, at most %d", len(writes), MaxWrites))
	}
	names := make([]string, len(writes))
	seen := make(map[string]bool, len(writes))
	v := &domain.ValidationError{}
	for i, w := range writes {
		var kind domain.Kind
		var id string
		switch {
		case w.Put != nil && w.Delete != nil:
			v.Add(fmt.Sprintf("writes[%d]", i), "both Put and Delete")
			continue
		case w.Put != nil:
			kind, id = w.Put.Kind, w.Put.ID
			names[i] = fmt.Sprintf("put %s/%s version %d", kind, id, w.Put.Version)
			if w.Put.Version < 1 {
				v.Add(fmt.Sprintf("writes[%d].version", i), "must be at least 1, is %d", w.Put.Version)
			}
			for _, f := range []string{w.Put.Parent, w.Put.Status, w.Put.SortKey} {
				if !utf8.ValidString(f) { // DynamoDB strings are UTF-8; the SDK would mangle it
					v.Add(fmt.Sprintf("writes[%d]", i), "parent, status and sort key must be UTF-8")
					break
				}
			}
		case w.Delete != nil:
			kind, id = w.Delete.Kind, w.Delete.ID
			names[i] = fmt.Sprintf("delete %s/%s version %d", kind, id, w.Delete.Version)
			if w.Delete.Version < 0 {
				v.Add(fmt.Sprintf("writes[%d].version", i), "must not be negative, is %d", w.Delete.Version)
			}
		default:
			v.Add(fmt.Sprintf("writes[%d]", i), "neither Put nor Delete")
			continue
		}
		if kind == "" || id == "" {
			v.Add(fmt.Sprintf("writes[%d]", i), "kind and id are required")
		}
		if !utf8.ValidString(string(kind)) || !utf8.ValidString(id) {
			v.Add(fmt.Sprintf("writes[%d]", i), "kind and id must be UTF-8")
		}
		key := pk(kind, id)
		if seen[key] {
			v.Add(fmt.Sprintf("writes[%d]", i), "%s/%s is written twice in one transaction", kind, id)
		}
		seen[key] = true
	}
	if err := v.OrNil(); err != nil {
		return nil, domain.Permanent(err)
	}
	return names, nil
}

// transactItem turns one checked write into its conditional transaction item.
func (s *Store) transactItem(w domain.Write, now types.AttributeValue) types.TransactWriteItem {
	onFail := types.ReturnValuesOnConditionCheckFailureAllOld
	if p := w.Put; p != nil {
		names := map[string]string{"#pk": attrPK, "#exp": attrExpiresAt}
		values := map[string]types.AttributeValue{":now": now}
		cond := condNotLive
		if p.Version > 1 {
			cond = "#ver = :prev AND " + condLive
			names["#ver"] = attrVersion
			values[":prev"] = num(p.Version - 1)
			delete(names, "#pk")
		}
		return types.TransactWriteItem{Put: &types.Put{
			TableName:                           aws.String(s.table),
			Item:                                encodeItem(*p, s.expiresAt(p.Kind)),
			ConditionExpression:                 aws.String(cond),
			ExpressionAttributeNames:            names,
			ExpressionAttributeValues:           values,
			ReturnValuesOnConditionCheckFailure: onFail,
		}}
	}
	d := w.Delete
	del := &types.Delete{
		TableName: aws.String(s.table),
		Key:       map[string]types.AttributeValue{attrPK: str(pk(d.Kind, d.ID))},
	}
	if d.Version > 0 {
		del.ConditionExpression = aws.String("#ver = :ver AND " + condLive)
		del.ExpressionAttributeNames = map[string]string{"#ver": attrVersion, "#exp": attrExpiresAt}
		del.ExpressionAttributeValues = map[string]types.AttributeValue{":ver": num(d.Version), ":now": now}
		del.ReturnValuesOnConditionCheckFailure = onFail
	}
	return types.TransactWriteItem{Delete: del}
}

// classifyWrite names the writes whose condition failed in a cancelled transaction.
func classifyWrite(names []string, err error) error {
	var tc *types.TransactionCanceledException
	if !errors.As(err, &tc) || len(tc.CancellationReasons) == 0 {
		return classify("write "+strings.Join(names, ", "), err)
	}
	var lost []string
	other := ""
	for i, r := range tc.CancellationReasons {
		code := aws.ToString(r.Code)
		switch code {
		case "", "None":
		case "ConditionalCheckFailed":
			name := fmt.Sprintf("write %d", i)
			if i < len(names) {
				name = names[i]
			}
			if len(r.Item) == 0 {
				lost = append(lost, name+" (no live item)")
			} else {
				lost = append(lost, fmt.Sprintf("%s (stored version %d)", name, versionOf(r.Item)))
			}
		default:
			if other == "" {
				other = code
			}
		}
	}
	if len(lost) > 0 {
		return &conflictError{msg: "write " + strings.Join(lost, ", ") + ": conflict", cause: err}
	}
	return classifyCancel(other, "write "+strings.Join(names, ", "), err)
}

// conflictError is a lost condition: its message names the items (and is short enough for an
// API answer), while the AWS error stays reachable with errors.As.
type conflictError struct {
	msg   string
	cause error
}

func (e *conflictError) Error() string   { return e.msg }
func (e *conflictError) Unwrap() []error { return []error{domain.ErrConflict, e.cause} }
