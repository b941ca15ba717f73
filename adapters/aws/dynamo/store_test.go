package dynamo_test

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/stretchr/testify/require"

	"github.com/cloudfront-manager/cfm/adapters/aws/awsconfig"
	"github.com/cloudfront-manager/cfm/adapters/aws/awstest"
	"github.com/cloudfront-manager/cfm/adapters/aws/dynamo"
	"github.com/cloudfront-manager/cfm/adapters/contract/storetest"
	"github.com/cloudfront-manager/cfm/domain"
)

// newTable creates a fresh table on moto for t and deletes it afterwards.
func newTable(t testing.TB) (*dynamodb.Client, string) {
	t.Helper()
	client := awsconfig.NewDynamoDB(awstest.Config(t))
	name := awstest.Name(t, "cfm")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	require.NoError(t, dynamo.CreateTable(ctx, client, name))
	t.Cleanup(func() {
		_, err := client.DeleteTable(context.Background(), &dynamodb.DeleteTableInput{TableName: aws.String(name)})
		if err != nil {
			t.Logf("delete table %s: %v", name, err)
		}
	})
	return client, name
}

// motoTransactions is why the suite's multi-item concurrency case cannot hold on moto.
const motoTransactions = "moto 5.2.5 TransactWriteItems is not isolated: it deep-copies the " +
	"table, applies the items one by one and restores the copy when a condition fails, without " +
	"a lock, so a concurrent transaction sees partial writes and a rollback can undo another " +
	"one's commit (moto/dynamodb/models/__init__.py transact_write_items); DynamoDB cancels " +
	"such transactions with TransactionConflict, which the store maps to ErrConflict"

// TestStoreContract runs the shared domain.Store suite, each case on its own moto table
// (moto copies the whole table on every transaction, so a shared one grows slow).
func TestStoreContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) domain.Store {
		client, table := newTable(t)
		return dynamo.New(client, table)
	}, storetest.Skip(storetest.CaseConcurrentMixed, motoTransactions))
}
