package edge

// JSData exposes the serializer to the black-box tests that execute its output.
var JSData = jsData
