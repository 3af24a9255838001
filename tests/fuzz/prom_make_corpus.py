#!/usr/bin/env python3
"""Writes the seed corpus of prom_response_fuzz (tests/fuzz/prom_corpus/).

Each file is one input in the format of prom_fuzz.h (a config byte: HTTP status, legend,
max_series; then the body), named END.COUNT.description: how the parse must end (see
tfts_fuzz::prom_outcome()), which prom_response_fuzz_replay (the ctest test prom_fuzz_corpus)
checks. The bodies are Prometheus 2.42's own answers (captured from a local server scraping
itself and a node exporter) and variations of them. Run again after changing the input format;
files that do not follow the naming convention (e.g. a crash input added by hand) are kept.

    tests/fuzz/prom_make_corpus.py [OUT_DIR]
"""
import json
import os
import re
import sys

# Keep in sync with prom_response_fuzz.cpp.
STATUSES = [200, 400, 422, 503, 502, 404, 500, 204]
LEGENDS = ["", "job", "instance", "__name__"]
MAX_SERIES = [64, 0, 1, 2, 3, 8, 1000, 64]

VECTOR_UP = (
    '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up",'
    '"instance":"127.0.0.1:29391","job":"prometheus"},"value":[1795256893,"1"]},{"metric":'
    '{"__name__":"up","instance":"127.0.0.1:29392","job":"node"},"value":[1795256893,"1"]}]}}')
VECTOR_LOAD = (
    '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":'
    '"node_load1","instance":"127.0.0.1:29392","job":"node"},"value":[1795256893,"0.77"]}]}}')
MATRIX_UP = (
    '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up",'
    '"instance":"127.0.0.1:29391","job":"prometheus"},"values":[[1795256890,"1"],[1795256891,'
    '"1"],[1795256892,"1"],[1795256893,"1"]]},{"metric":{"__name__":"up","instance":'
    '"127.0.0.1:29392","job":"node"},"values":[[1795256890,"1"],[1795256891,"1"],[1795256892,'
    '"1"],[1795256893,"1"]]}]}}')
CPU_MODES = {
    "idle": ["0.8063439999996407", "1.2075149999996664", "1.41995"],
    "iowait": ["0", "0", "0.021637333333332873"],
    "irq": ["0", "0", "0"],
    "nice": ["0", "0", "0"],
    "softirq": ["0", "0", "0"],
    "steal": ["0", "0", "0"],
    "system": ["0.008227999999992516", "0.006113999999994439", "0.040569999999993854"],
    "user": ["0.004113999999715633", "0.006113999999855423", "0.12982399999988192"],
}
MATRIX_CPU = json.dumps(
    {"status": "success", "data": {"resultType": "matrix", "result": [
        {"metric": {"mode": mode}, "values": [[1795256891 + i, v] for i, v in enumerate(vals)]}
        for mode, vals in CPU_MODES.items()]}}, separators=(",", ":"))
BAD_DATA = ('{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": '
            '1:17: parse error: unclosed left parenthesis"}')
NO_QUERY = ('{"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": '
            '1:1: parse error: no expression found in input"}')
TOO_MANY_POINTS = ('{"status":"error","errorType":"bad_data","error":"exceeded maximum resolution '
                   'of 11,000 points per timeseries. Try decreasing the query resolution '
                   '(?step=XX)"}')


def vector(items):
    return json.dumps({"status": "success", "data": {"resultType": "vector", "result": [
        {"metric": m, "value": [t, v]} for m, t, v in items]}}, separators=(",", ":"))


def config(status=200, legend="", max_series=64):
    # The first index that matches (64 appears twice; 0 is the one meant).
    return bytes([STATUSES.index(status) | LEGENDS.index(legend) << 3 |
                  MAX_SERIES.index(max_series) << 5])


# (name, config, body)
CASES = [
    # Prometheus' answers as they come.
    ("ok.1.vector-node-load1", config(), VECTOR_LOAD),
    ("ok.2.vector-up-label-sets", config(), VECTOR_UP),
    ("ok.2.vector-up-legend-job", config(legend="job"), VECTOR_UP),
    ("ok.1.vector-up-capped-at-1", config(max_series=1), VECTOR_UP),
    ("ok.0.vector-up-capped-at-0", config(max_series=0), VECTOR_UP),
    ("ok.2.matrix-up", config(legend="instance"), MATRIX_UP),
    ("ok.8.matrix-cpu-modes", config(legend="job"), MATRIX_CPU),
    ("ok.3.matrix-cpu-capped-at-3", config(max_series=3), MATRIX_CPU),
    ("ok.1.scalar-sum-up", config(),
     '{"status":"success","data":{"resultType":"scalar","result":[1795256893,"2"]}}'),
    ("ok.0.vector-empty", config(), '{"status":"success","data":{"resultType":"vector","result":[]}}'),
    ("ok.0.matrix-empty", config(), '{"status":"success","data":{"resultType":"matrix","result":[]}}'),
    ("ok.1.vector-nan", config(),
     '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":'
     '[1795256893,"NaN"]}]}}'),
    ("ok.1.scalar-plus-inf", config(),
     '{"status":"success","data":{"resultType":"scalar","result":[1795256893,"+Inf"]}}'),
    ("ok.1.scalar-minus-inf", config(),
     '{"status":"success","data":{"resultType":"scalar","result":[1795256893,"-Inf"]}}'),
    ("ok.2.vector-with-warnings", config(),
     VECTOR_UP[:-1] + ',"warnings":["PromQL info: metric might not be a counter"]}'),
    ("error.0.bad-data-unclosed-paren", config(400), BAD_DATA),
    ("error.0.bad-data-no-expression", config(400), NO_QUERY),
    ("error.0.bad-data-too-many-points", config(400), TOO_MANY_POINTS),
    ("error.0.execution-timeout", config(503),
     '{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}'),
    ("error.0.execution-many-to-many", config(422),
     '{"status":"error","errorType":"execution","error":"found duplicate series for the match '
     'group {instance=\\"127.0.0.1:29392\\"} on the right hand-side of the operation"}'),
    ("error.0.string-result", config(),
     '{"status":"success","data":{"resultType":"string","result":[1795256893,"hello"]}}'),
    # Special and extreme values.
    ("ok.6.special-values", config(),
     vector([({"v": "nan"}, 1, "NaN"), ({"v": "inf"}, 1, "+Inf"), ({"v": "-inf"}, 1, "-Inf"),
             ({"v": "max"}, 1, "1.7976931348623157e+308"), ({"v": "denormal"}, 1, "5e-324"),
             ({"v": "neg-zero"}, 1, "-0")])),
    ("ok.1.huge-and-fractional-times", config(),
     vector([({}, 1.7e300, "1")])),
    ("error.0.value-out-of-range", config(), vector([({}, 1, "1e999")])),
    ("not_json.0.time-out-of-range", config(),
     '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":'
     '[1e999,"1"]}]}}'),
    ("error.0.value-not-a-string", config(),
     '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,2]}]}}'),
    ("error.0.time-is-a-string", config(),
     '{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":["1","2"]}]}}'),
    ("error.0.label-not-a-string", config(legend="job"),
     '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":7},"value":'
     '[1,"2"]}]}}'),
    ("error.0.value-word", config(), vector([({}, 1, "twelve")])),
    ("error.0.value-empty", config(), vector([({}, 1, "")])),
    ("error.0.matrix-time-backwards", config(),
     '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":'
     '[[2,"1"],[1,"1"]]}]}}'),
    ("error.0.native-histogram", config(),
     '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":'
     '"rpc_duration_seconds"},"histogram":[1795256893,{"count":"10","sum":"3.5","buckets":'
     '[[0,"0.5","1","4"]]}]}]}}'),
    ("ok.2.unicode-and-escapes-in-labels", config(legend="__name__"),
     vector([({"__name__": "temp_\u00b0c", "dev": "\u2603 \"quoted\" \\ back\nslash"}, 1, "1"),
             ({"path": "/\u00e9t\u00e9"}, 1, "2")])),
    # Not a Prometheus answer.
    ("http.0.nginx-502-page", config(502),
     "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad "
     "Gateway</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n"),
    ("http.0.prometheus-404", config(404), "404 page not found\n"),
    ("http.0.empty-503", config(503), ""),
    ("http.0.json-from-a-proxy", config(500), '{"message":"internal error"}'),
    ("http.0.long-line-500", config(500), "x" * 300),
    ("http.0.deep-nesting-502", config(502), "[" * 5000),
    ("not_json.0.truncated", config(), VECTOR_UP[: len(VECTOR_UP) // 2]),
    ("not_json.0.html-with-200", config(), "<!doctype html><html><title>Grafana</title></html>"),
    ("not_json.0.empty-body-204", config(204), ""),
    ("ok.2.bom-then-json", config(), "\ufeff" + VECTOR_UP),  # the parser skips a BOM
    ("not_json.0.invalid-utf8-in-string", config(), '{"status":"error","error":"\xff"}'),
    ("error.0.deep-nesting", config(), "[" * 100 + "]" * 100),
    ("error.0.deep-nesting-unclosed", config(), "{\"a\":" * 1000),
    ("ok.0.nesting-inside-strings", config(),
     '{"status":"success","data":{"resultType":"vector","result":[]},"x":"' + "[" * 200 + '"}'),
    ("error.0.array-not-object", config(), "[1,2,3]"),
    ("error.0.status-number", config(), '{"status":1}'),
    ("error.0.status-unknown", config(), '{"status":"partial"}'),
    ("error.0.no-data", config(), '{"status":"success"}'),
    ("error.0.data-array", config(), '{"status":"success","data":[]}'),
    ("error.0.result-object", config(),
     '{"status":"success","data":{"resultType":"vector","result":{}}}'),
    ("error.0.result-type-unknown", config(),
     '{"status":"success","data":{"resultType":"tensor","result":[]}}'),
    ("error.0.error-without-text", config(400), '{"status":"error"}'),
    ("error.0.error-long-text", config(400),
     '{"status":"error","errorType":"bad_data","error":"' + "long " * 400 + '"}'),
    ("error.0.series-without-metric", config(),
     '{"status":"success","data":{"resultType":"vector","result":[{"value":[1,"1"]}]}}'),
    ("error.0.bad-series-past-the-cap", config(max_series=1),
     VECTOR_UP[:-3] + ',{"metric":{},"value":"x"}]}}'),
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "prom_corpus")
    os.makedirs(out, exist_ok=True)
    convention = re.compile(r"^[a-z_]+\.[0-9]+\..+$")
    for name in os.listdir(out):
        if convention.match(name):
            os.remove(os.path.join(out, name))
    for name, head, body in CASES:
        data = body.encode("utf-8", "surrogateescape") if isinstance(body, str) else body
        if "invalid-utf8" in name:
            data = body.encode("latin-1")
        with open(os.path.join(out, name), "wb") as f:
            f.write(head + data)
    print(f"wrote {len(CASES)} inputs to {out}")


if __name__ == "__main__":
    main()
