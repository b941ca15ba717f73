package eventbus

import (
	"context"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
)

// busAPI is the part of the EventBridge client CreateBus calls.
type busAPI interface {
	CreateEventBus(ctx context.Context, in *eventbridge.CreateEventBusInput, optFns ...func(*eventbridge.Options)) (*eventbridge.CreateEventBusOutput, error)
	DescribeEventBus(ctx context.Context, in *eventbridge.DescribeEventBusInput, optFns ...func(*eventbridge.Options)) (*eventbridge.DescribeEventBusOutput, error)
}

// CreateBus creates the bus (or finds it) and returns its ARN; for tests and the moto mode of
// `make run` (the deployed bus belongs to the CDK stack).
func CreateBus(ctx context.Context, api busAPI, name string) (string, error) {
	out, err := api.CreateEventBus(ctx, &eventbridge.CreateEventBusInput{Name: aws.String(name)})
	if err == nil {
		return aws.ToString(out.EventBusArn), nil
	}
	var exists *types.ResourceAlreadyExistsException
	if !errors.As(err, &exists) {
		return "", classify("create event bus "+name, err)
	}
	d, err := api.DescribeEventBus(ctx, &eventbridge.DescribeEventBusInput{Name: aws.String(name)})
	if err != nil {
		return "", classify("describe event bus "+name, err)
	}
	return aws.ToString(d.Arn), nil
}
