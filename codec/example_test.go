package codec_test

import (
	"fmt"

	"github.com/mailtutor/mailtutor/codec"
)

func ExampleExpand() {
	ctx := codec.Context{Protocol: "smtp", SASLVerb: "AUTH"} // as session.HelperContextOf fills it
	exp, err := codec.Expand("AUTH PLAIN {plain:student secret123}", ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(exp.Send)
	fmt.Println(exp.Display)
	fmt.Println(exp.Secret, exp.Helper)
	// Output:
	// AUTH PLAIN AHN0dWRlbnQAc2VjcmV0MTIz
	// AUTH PLAIN ••••••••  (PLAIN: "" / "student" / ******)
	// true plain
}

func ExampleCRAMMD5Response() {
	// RFC 2195 section 2.
	response, err := codec.CRAMMD5Response(
		"PDE4OTYuNjk3MTcwOTUyQHBvc3RvZmZpY2UucmVzdG9uLm1jaS5uZXQ+", "tim", "tanstaaftanstaaf")
	fmt.Println(response, err)
	// Output: dGltIGI5MTNhNjAyYzdlZGE3YTQ5NWI0ZTZlNzMzNGQzODkw <nil>
}

func ExampleAPOPTimestamp() {
	// RFC 1939 section 7.
	timestamp, ok := codec.APOPTimestamp("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>")
	fmt.Println(timestamp, ok)
	fmt.Println(codec.APOPDigest(timestamp, "tanstaaf"))
	// Output:
	// <1896.697170952@dbc.mtview.ca.us> true
	// c4c9334bac560ecc979e58001b3e22fb
}

func ExampleEncodeWord() {
	fmt.Println("Subject: " + codec.EncodeWord("你好，世界"))
	// Output: Subject: =?UTF-8?B?5L2g5aW977yM5LiW55WM?=
}
