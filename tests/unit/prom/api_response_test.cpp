// parse_api_response: Prometheus' answers as 2.42 writes them, and everything that is not one.
#include "tfts/prom/api_response.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace tfts::prom {
namespace {

QueryResult parse(const std::string& body, int status = 200, const std::string& legend = {},
                  size_t max_series = 64) {
  return parse_api_response(body, status, legend, max_series);
}

const char kVector[] = R"({"status":"success","data":{"resultType":"vector","result":[
  {"metric":{"__name__":"node_load1","instance":"127.0.0.1:9100","job":"node"},
   "value":[1700000000.5,"0.42"]},
  {"metric":{"job":"prometheus","instance":"127.0.0.1:9090"},"value":[1700000000.5,"17"]}]}})";

TEST(ApiResponse, VectorNamesSeriesByLabelSetWithMetricNameFirst) {
  const QueryResult r = parse(kVector);
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.series.size(), 2u);
  EXPECT_EQ(r.series[0].name, R"(node_load1{instance="127.0.0.1:9100",job="node"})");
  EXPECT_EQ(r.series[1].name, R"({instance="127.0.0.1:9090",job="prometheus"})");
  ASSERT_EQ(r.series[0].times.size(), 1u);
  EXPECT_EQ(r.series[0].times[0], 1700000000.5);
  EXPECT_EQ(r.series[0].values[0], 0.42);
  EXPECT_EQ(r.series[1].values[0], 17);
}

TEST(ApiResponse, LegendLabelNamesSeriesWhenPresentAndNotEmpty) {
  const char body[] = R"({"status":"success","data":{"resultType":"vector","result":[
    {"metric":{"device":"sda","job":"node"},"value":[1,"1"]},
    {"metric":{"device":"","job":"node"},"value":[1,"2"]},
    {"metric":{"job":"node"},"value":[1,"3"]}]}})";
  const QueryResult r = parse(body, 200, "device");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.series.size(), 3u);
  EXPECT_EQ(r.series[0].name, "sda");
  EXPECT_EQ(r.series[1].name, R"({device="",job="node"})");
  EXPECT_EQ(r.series[2].name, R"({job="node"})");
}

TEST(ApiResponse, NamesEscapeQuotesAndEmptyLabelSetsShowBraces) {
  const char body[] = R"({"status":"success","data":{"resultType":"vector","result":[
    {"metric":{"path":"C:\\x \"y\"\n"},"value":[1,"1"]},
    {"metric":{"__name__":"up"},"value":[1,"1"]},
    {"metric":{},"value":[1,"1"]}]}})";
  const QueryResult r = parse(body);
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.series.size(), 3u);
  EXPECT_EQ(r.series[0].name, R"({path="C:\\x \"y\"\n"})");
  EXPECT_EQ(r.series[1].name, "up");
  EXPECT_EQ(r.series[2].name, "{}");
}

TEST(ApiResponse, MatrixKeepsEveryPointInOrder) {
  const char body[] = R"({"status":"success","data":{"resultType":"matrix","result":[
    {"metric":{"__name__":"up","job":"node"},"values":[[100,"1"],[105,"0"],[110.25,"1"]]}]}})";
  const QueryResult r = parse(body);
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.series.size(), 1u);
  EXPECT_EQ(r.series[0].times, (std::vector<double>{100, 105, 110.25}));
  EXPECT_EQ(r.series[0].values, (std::vector<double>{1, 0, 1}));
}

TEST(ApiResponse, MatrixGoingBackInTimeIsAnError) {
  const char body[] = R"({"status":"success","data":{"resultType":"matrix","result":[
    {"metric":{},"values":[[100,"1"],[99,"0"]]}]}})";
  const QueryResult r = parse(body);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "result[0].values[1] goes back in time");
}

TEST(ApiResponse, ScalarIsOneUnnamedSeries) {
  const QueryResult r =
      parse(R"({"status":"success","data":{"resultType":"scalar","result":[1700000000,"3.5"]}})");
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.series.size(), 1u);
  EXPECT_EQ(r.series[0].name, "");
  EXPECT_EQ(r.series[0].values[0], 3.5);
}

TEST(ApiResponse, StringResultIsAnError) {
  const QueryResult r =
      parse(R"({"status":"success","data":{"resultType":"string","result":[1,"hello"]}})");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "resultType \"string\" not supported");
}

TEST(ApiResponse, SpecialValuesParse) {
  const char body[] = R"({"status":"success","data":{"resultType":"vector","result":[
    {"metric":{"a":"1"},"value":[1,"NaN"]},{"metric":{"a":"2"},"value":[1,"+Inf"]},
    {"metric":{"a":"3"},"value":[1,"-Inf"]},{"metric":{"a":"4"},"value":[1,"1e+21"]},
    {"metric":{"a":"5"},"value":[1,"-0.000001"]}]}})";
  const QueryResult r = parse(body);
  ASSERT_TRUE(r.ok) << r.error;
  ASSERT_EQ(r.series.size(), 5u);
  EXPECT_TRUE(std::isnan(r.series[0].values[0]));
  EXPECT_EQ(r.series[1].values[0], INFINITY);
  EXPECT_EQ(r.series[2].values[0], -INFINITY);
  EXPECT_EQ(r.series[3].values[0], 1e21);
  EXPECT_EQ(r.series[4].values[0], -0.000001);
}

TEST(ApiResponse, EmptyResultIsOkWithoutSeries) {
  const QueryResult r = parse(R"({"status":"success","data":{"resultType":"vector","result":[]}})");
  EXPECT_TRUE(r.ok);
  EXPECT_TRUE(r.series.empty());
}

TEST(ApiResponse, MaxSeriesDropsTheRest) {
  EXPECT_EQ(parse(kVector, 200, {}, 1).series.size(), 1u);
  const QueryResult none = parse(kVector, 200, {}, 0);
  EXPECT_TRUE(none.ok);
  EXPECT_TRUE(none.series.empty());
}

TEST(ApiResponse, PrometheusErrorJoinsTypeAndText) {
  const QueryResult r = parse(R"({"status":"error","errorType":"bad_data",
                                  "error":"1:5: parse error: unclosed left parenthesis"})",
                              400);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "bad_data: 1:5: parse error: unclosed left parenthesis");
  EXPECT_TRUE(r.series.empty());
}

TEST(ApiResponse, HttpErrorWithoutJsonQuotesTheBody) {
  EXPECT_EQ(parse("404 page not found\n", 404).error, "HTTP 404: 404 page not found");
  EXPECT_EQ(parse("", 503).error, "HTTP 503");
  EXPECT_EQ(parse("\n\n  upstream timed out  \r\nmore", 504).error, "HTTP 504: upstream timed out");
  // A proxy's HTML page starts with a bare <html> line; its title says more.
  EXPECT_EQ(
      parse("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body></body>", 502).error,
      "HTTP 502: 502 Bad Gateway");
  const std::string long_line(200, 'x');
  EXPECT_EQ(parse(long_line, 500).error, "HTTP 500: " + std::string(80, 'x'));
  // JSON, but not the API's: also the status that came with it.
  EXPECT_EQ(parse(R"({"message":"forbidden"})", 403).error, R"(HTTP 403: {"message":"forbidden"})");
}

TEST(ApiResponse, QuotedBodiesAreMadePrintable) {
  const std::string body = std::string("bad\x01gate\xff") + "way \xe2\x82";
  EXPECT_EQ(parse(body, 502).error, "HTTP 502: bad gate?way ??");
}

TEST(ApiResponse, MalformedBodiesAreErrors) {
  EXPECT_EQ(parse("hello").error, "not JSON: hello");
  EXPECT_EQ(parse(R"({"status":"success","data":{"resultType":"vec)").error.substr(0, 10),
            "not JSON: ");
  EXPECT_EQ(parse("[1,2]").error, "not a Prometheus answer (no \"status\")");
  EXPECT_EQ(parse(R"({"status":"maybe"})").error, "unknown status \"maybe\"");
  EXPECT_EQ(parse(R"({"status":"success"})").error, "\"data\" is missing or not an object");
  EXPECT_EQ(parse(R"({"status":"success","data":{"resultType":"vector"}})").error,
            "\"data\" has no resultType or result");
  EXPECT_EQ(parse(R"({"status":"success","data":{"resultType":"tensor","result":[]}})").error,
            "unknown resultType \"tensor\"");
  EXPECT_EQ(parse(R"({"status":"success","data":{"resultType":"vector","result":{}}})").error,
            "result is not an array");
  EXPECT_EQ(parse(R"({"status":"success","data":{"resultType":"vector","result":[
    {"metric":{},"value":[1,2]}]}})")
                .error,
            "result[0].value is not [time, \"value\"]");
  EXPECT_EQ(parse(R"({"status":"success","data":{"resultType":"vector","result":[
    {"metric":{},"value":[1,"two"]}]}})")
                .error,
            "result[0].value has a value that is not a number");
  EXPECT_EQ(parse(R"({"status":"success","data":{"resultType":"vector","result":[
    {"metric":{"a":1},"value":[1,"2"]}]}})")
                .error,
            "result[0].metric label \"a\" is not a string");
  EXPECT_EQ(parse(R"({"status":"success","data":{"resultType":"vector","result":[
    {"value":[1,"2"]}]}})")
                .error,
            "result[0] has no \"metric\"");
  // Numbers beyond double's range are refused by the JSON parser itself.
  EXPECT_EQ(parse(R"({"status":"success","data":{"resultType":"matrix","result":[
    {"metric":{},"values":[[1e999,"2"]]}]}})")
                .error.substr(0, 10),
            "not JSON: ");
  EXPECT_EQ(parse(R"({"status":"success","data":{"resultType":"vector","result":[
    {"metric":{},"value":[1,"1e999"]}]}})")
                .error,
            "result[0].value has a value that is not a number");
}

TEST(ApiResponse, NativeHistogramsAreNamedAsUnsupported) {
  const QueryResult r = parse(R"({"status":"success","data":{"resultType":"vector","result":[
    {"metric":{},"histogram":[1,{"count":"3","sum":"1","buckets":[]}]}]}})");
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("native histogram"), std::string::npos) << r.error;
}

TEST(ApiResponse, DeepNestingIsRefusedBeforeParsing) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const QueryResult r = parse(deep);
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("nested deeper"), std::string::npos) << r.error;
  // Brackets inside strings do not count.
  const std::string in_string = R"({"status":"error","error":")" + std::string(100, '[') + "\"}";
  EXPECT_EQ(parse(in_string, 400).error, std::string(100, '['));
}

}  // namespace
}  // namespace tfts::prom
