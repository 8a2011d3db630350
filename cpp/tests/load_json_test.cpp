// JSON rows / columns / NDJSON loaders and remove() keys (semantics 1.2-1.4,
// 1.8, T8, T9, T19). The table below was recorded from @finos/perspective
// 3.8.0 (Node, TZ=UTC): each case was fed, as the same text, to
// `perspective.table(text, {format})` / `table(schema)` + `update(text)`, and
// the printed line is `t.columns()` with types plus `view.to_columns()`.
#include <gtest/gtest.h>

#include "load_test_util.h"
#include "parallax/load/loaders.h"

using namespace parallax;

namespace {

struct OracleCase {
  const char* input;
  const char* expected;
};

const OracleCase kJsonCases[] = {
    {R"px({"data": "[{\"x\":null},{\"x\":5},{\"x\":\"a\"}]", "format": "json"})px",
     R"px(x:string {"x":["0","5","a"]})px"},
    {R"px({"data": "[{},{\"x\":5},{\"x\":\"a\"}]", "format": "json"})px",
     R"px(x:string {"x":["0","5","a"]})px"},
    {R"px({"data": "[{\"x\":null},{\"x\":1},{\"x\":2.5}]", "format": "json"})px",
     R"px(x:float {"x":[0,1,2.5]})px"},
    {R"px({"data": "{\"x\":[null,1,2.5]}", "format": "columns"})px",
     R"px(x:float {"x":[0,1,2.5]})px"},
    {R"px({"data": "{\"x\":[null,1,\"a\"]}", "format": "columns"})px",
     R"px(x:string {"x":["0","1","a"]})px"},
    {R"px({"data": "[{\"a\":1},{\"a\":\"\"}]", "format": "json"})px",
     R"px(a:string {"a":["1",""]})px"},
    {R"px({"data": "[]", "format": "json"})px",
     R"px( {})px"},
    {R"px({"data": "[{\"b\":null,\"a\":null,\"c\":1}]", "format": "json"})px",
     R"px(c:integer,a:string,b:string {"c":[1],"a":[null],"b":[null]})px"},
    {R"px({"data": "[{\"a\":1},{\"b\":\"x\"}]", "format": "json"})px",
     R"px(ERR Could not find column index for `b` as it does not exist in the schema.)px"},
    {R"px({"data": "[{\"a\":-3000000000}]", "format": "json"})px",
     R"px(a:integer {"a":[1294967296]})px"},
    {R"px({"data": "[{\"a\":\"1577934245000\"},{\"a\":\"-5000000000\"}]", "format": "json"})px",
     R"px(a:integer {"a":[2147483647,-2147483648]})px"},
    {R"px({"data": "[{\"a\":3000000000}]", "format": "json"})px",
     R"px(a:float {"a":[3000000000]})px"},
    {R"px({"data": "{\"a\":[1,2,3],\"b\":[\"x\"]}", "format": "columns"})px",
     R"px(a:integer,b:string {"a":[1],"b":["x"]})px"},
    {R"px({"data": "{\"a\":[\"x\"],\"b\":[1,2,3]}", "format": "columns"})px",
     R"px(a:string,b:integer {"a":["x",null,null],"b":[1,2,3]})px"},
    {R"px({"data": "{\"a\":[]}", "format": "columns"})px",
     R"px(ERR Can't create table from empty columns)px"},
    {R"px({"data": "{\"a\":[[1]]}", "format": "columns"})px",
     R"px(ERR Unknown JSON type)px"},
    {R"px({"data": "[{\"a\":true},{\"a\":\"5\"}]", "format": "json"})px",
     R"px(ERR Expected bool, found 5)px"},
    {R"px({"data": "[{\"a\":true},{\"a\":5}]", "format": "json"})px",
     R"px(a:boolean {"a":[true,true]})px"},
    {R"px({"data": "[{\"a\":\"2020-01-02\"},{\"a\":\"x\"}]", "format": "json"})px",
     R"px(ERR Could not coerce to date)px"},
    {R"px({"data": "[{\"a\":1},{\"a\":true}]", "format": "json"})px",
     R"px(ERR Expected int, found 2)px"},
    {R"px({"data": "[{\"a\":\"5\"},{\"a\":\"7.5\"}]", "format": "json"})px",
     R"px(a:float {"a":[5,7.5]})px"},
    {R"px({"data": "[{\"a\":\"0x1A\"},{\"a\":\"inf\"},{\"a\":\"NaN\"}]", "format": "json"})px",
     R"px(a:float {"a":[26,null,null]})px"},
    {R"px({"data": "[{\"a\":\" 5\"},{\"a\":\"+7\"}]", "format": "json"})px",
     R"px(a:integer {"a":[5,7]})px"},
    {R"px({"data": "[{\"a\":1},{\"a\":\"0x1A\"},{\"a\":\"1e3\"}]", "format": "json"})px",
     R"px(a:float {"a":[1,26,1000]})px"},
    {R"px({"data": "[{\"a\":1},{\"a\":10000000000000000000}]", "format": "json"})px",
     R"px(ERR Expected int, found 6)px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "{\"i\":[1,5000000000,2.9,-2.9,\"7\",\"\",null],\"f\":[1,2.5,\"abc\",\"3.5\",null,\"\",7],\"s\":[7,2.5,true,false,\"x\",null,1e+20],\"b\":[true,\"TRUE\",\"false\",0,5,null,false],\"d\":[\"2020-01-02\",1577923200000,\"2020-01-02T03:04:05\",null,\"01/02/2020\",\"2020/01/02\",\"02 01 2020\"],\"t\":[1577923200000,\"2020-01-02T03:04:05.123Z\",\"2020-01-02 03:04:05\",\"2020-01-02T03:04:05+01:00\",1500000000000.0,null,\"01-02-2020\"]}", "format": "columns"}]})px",
     R"px(ERR Could not coerce to date)px"},
    {R"px({"schema": {"i": "integer"}, "upd": [{"data": "[{\"i\":true}]", "format": "json"}]})px",
     R"px(ERR Expected int, found 2)px"},
    {R"px({"schema": {"i": "integer"}, "upd": [{"data": "[{\"i\":\"abc\"}]", "format": "json"}]})px",
     R"px(ERR Cannot append value of type string to column of type integer)px"},
    {R"px({"schema": {"i": "integer"}, "upd": [{"data": "[{\"i\":\"3.7\"}]", "format": "json"}]})px",
     R"px(i:integer {"i":[3]})px"},
    {R"px({"schema": {"i": "integer"}, "upd": [{"data": "[{\"i\":10000000000.0}]", "format": "json"}]})px",
     R"px(i:integer {"i":[-2147483648]})px"},
    {R"px({"schema": {"i": "integer"}, "upd": [{"data": "[{\"i\":[1]}]", "format": "json"}]})px",
     R"px(ERR Expected int, found 4)px"},
    {R"px({"schema": {"b": "boolean"}, "upd": [{"data": "[{\"b\":\"yes\"}]", "format": "json"}]})px",
     R"px(ERR Expected bool, found 5)px"},
    {R"px({"schema": {"b": "boolean"}, "upd": [{"data": "[{\"b\":2.5}]", "format": "json"}]})px",
     R"px(ERR Expected bool, found 6)px"},
    {R"px({"schema": {"d": "date"}, "upd": [{"data": "[{\"d\":\"2020-01-02T03:04:05+01:00\"}]", "format": "json"}]})px",
     R"px(ERR Could not coerce to date)px"},
    {R"px({"schema": {"d": "date"}, "upd": [{"data": "[{\"d\":true}]", "format": "json"}]})px",
     R"px(ERR Could not coerce to date)px"},
    {R"px({"schema": {"d": "date"}, "upd": [{"data": "[{\"d\":1.5}]", "format": "json"}]})px",
     R"px(ERR Could not coerce to date)px"},
    {R"px({"schema": {"t": "datetime"}, "upd": [{"data": "[{\"t\":\"abc\"}]", "format": "json"}]})px",
     R"px(ERR Could not coerce to time)px"},
    {R"px({"schema": {"t": "datetime"}, "upd": [{"data": "[{\"t\":true}]", "format": "json"}]})px",
     R"px(ERR Could not coerce 2 to a time.)px"},
    {R"px({"schema": {"f": "float"}, "upd": [{"data": "[{\"f\":true}]", "format": "json"}]})px",
     R"px(ERR Expected double, found 2)px"},
    {R"px({"schema": {"s": "string"}, "upd": [{"data": "[{\"s\":{\"a\":1}}]", "format": "json"}]})px",
     R"px(ERR Cannot coerce object to string)px"},
    {R"px({"schema": {"s": "string"}, "upd": [{"data": "[{\"s\":[1]}]", "format": "json"}]})px",
     R"px(ERR Cannot coerce array to string)px"},
    {R"px({"schema": {"s": "string"}, "upd": [{"data": "[{\"s\":10000000000000000000}]", "format": "json"}]})px",
     R"px(ERR Could not coerce 6 to a string)px"},
    {R"px({"schema": {"i": "integer", "s": "string"}, "opts": {"index": "s"}, "upd": [{"data": "[{\"s\":\"a\",\"i\":1},{\"s\":\"b\",\"i\":2}]", "format": "json"}, {"data": "[{\"s\":\"a\",\"i\":\"\"},{\"s\":\"b\",\"i\":null}]", "format": "json"}]})px",
     R"px(i:integer,s:string {"i":[1,null],"s":["a","b"]})px"},
    {R"px({"schema": {"i": "integer", "s": "string"}, "upd": [{"data": "{\"i\":[1,2,3],\"s\":[\"a\"]}", "format": "columns"}, {"data": "{\"s\":[\"x\",\"y\"],\"i\":[9]}", "format": "columns"}]})px",
     R"px(i:integer,s:string {"i":[1,2,3,9,null],"s":["a",null,null,"x","y"]})px"},
    {R"px({"schema": {"i": "integer", "s": "string"}, "upd": [{"data": "{\"i\":[1,2.5],\"zz\":[1]}", "format": "columns"}]})px",
     R"px(i:integer,s:string {"i":[1,2],"s":[null,null]})px"},
    {R"px({"schema": {"i": "integer", "s": "string"}, "upd": [{"data": "{\"zz\":[1,2],\"i\":[5,6,7]}", "format": "columns"}]})px",
     R"px(i:integer,s:string {"i":[5,6],"s":[null,null]})px"},
    {R"px({"schema": {"i": "integer", "s": "string"}, "upd": [{"data": "{\"i\":[]}", "format": "columns"}]})px",
     R"px(ERR Can't create table from empty columns)px"},
    {R"px({"schema": {"i": "integer", "s": "string"}, "upd": [{"data": "{}", "format": "columns"}]})px",
     R"px(i:integer,s:string {"i":[],"s":[]})px"},
    {R"px({"schema": {"i": "integer", "s": "string"}, "upd": [{"data": "[]", "format": "json"}]})px",
     R"px(i:integer,s:string {"i":[],"s":[]})px"},
    {R"px({"schema": {"i": "integer"}, "upd": [{"data": "[{\"i\":1},{\"i\":2}]", "format": "json"}, {"data": "[{\"__INDEX__\":0,\"i\":100}]", "format": "json"}]})px",
     R"px(i:integer {"i":[100,2]})px"},
    {R"px({"schema": {"i": "integer", "s": "string"}, "upd": [{"data": "[{\"i\":1}]", "format": "json"}, {"data": "[{\"s\":\"x\"}]", "format": "json"}]})px",
     R"px(i:integer,s:string {"i":[1,null],"s":[null,"x"]})px"},
    {R"px({"data": "{\"a\":[1,2.5],\"b\":[\"x\"]}", "format": "columns"})px",
     R"px(a:float,b:string {"a":[1],"b":["x"]})px"},
    {R"px({"data": "{\"a\":[1,\"x\"],\"b\":[1]}", "format": "columns"})px",
     R"px(a:string,b:integer {"a":["1"],"b":[1]})px"},
    {R"px({"data": "{\"a\":[1,[2]],\"b\":[1]}", "format": "columns"})px",
     R"px(ERR Expected int, found 4)px"},
    {R"px({"data": "[{\"a\":\"x\"},{\"a\":[1]}]", "format": "json"})px",
     R"px(ERR Cannot coerce array to string)px"},
    {R"px({"data": "[{\"a\":1.5},{\"a\":true}]", "format": "json"})px",
     R"px(ERR Expected double, found 2)px"},
    {R"px({"data": "[{\"a\":\"2020-01-02\"},{\"a\":5}]", "format": "json"})px",
     R"px(a:date {"a":[1577923200000,0]})px"},
    {R"px({"data": "[{\"a\":\"2020-01-02 03:04:05\"},{\"a\":5}]", "format": "json"})px",
     R"px(a:datetime {"a":[1577934245000,5]})px"},
    {R"px({"data": "{\"a\":[1e+20,-1e+20,100000000000000000000]}", "format": "columns"})px",
     R"px(a:float {"a":[100000000000000000000,-100000000000000000000,100000000000000000000]})px"},
    {R"px({"data": "[{\"a\":1},{\"a\":-1e+300}]", "format": "json"})px",
     R"px(a:float {"a":[1,-1e+300]})px"},
    {R"px({"data": "{\"a\":1,\"b\":null}\n{\"a\":2,\"b\":\"x\"}\n", "format": "ndjson"})px",
     R"px(a:integer,b:string {"a":[1,2],"b":[null,"x"]})px"},
    {R"px({"data": "{\"a\":1}\n{\"a\":2,\"b\":\"x\"}\n", "format": "ndjson"})px",
     R"px(ERR Could not find column index for `b` as it does not exist in the schema.)px"},
    {R"px({"data": "{\"a\":1}\n{\"a\":2.5}\n{\"a\":\"q\"}", "format": "ndjson"})px",
     R"px(a:float {"a":[1,2.5,0]})px"},
    {R"px({"data": "{\"a\":1}\n{\"a\":2\n{\"a\":3}\n", "format": "ndjson"})px",
     R"px(a:integer {"a":[1]})px"},
    {R"px({"data": "{\"a\":1}   {\"a\":2}", "format": "ndjson"})px",
     R"px(a:integer {"a":[1,2]})px"},
    {R"px({"data": "", "format": "ndjson"})px",
     R"px( {})px"},
    {R"px({"data": "{\"a\":1}\n\n\n{\"a\":5}\n", "format": "ndjson"})px",
     R"px(a:integer {"a":[1,5]})px"},
    {R"px({"schema": {"a": "integer", "b": "string"}, "upd": [{"data": "{\"a\":1}\n{\"b\":\"x\",\"zz\":3}\n", "format": "ndjson"}]})px",
     R"px(a:integer,b:string {"a":[1,null],"b":[null,"x"]})px"},
    {R"px({"schema": {"a": "integer", "b": "string"}, "upd": [{"data": "{\"a\":1}\n{\"b\":\"x\",\"a\":2.5}\n", "format": "ndjson"}]})px",
     R"px(a:integer,b:string {"a":[1,2],"b":[null,"x"]})px"},
    {R"px({"schema": {"a": "integer", "b": "string"}, "upd": [{"data": "", "format": "ndjson"}]})px",
     R"px(a:integer,b:string {"a":[],"b":[]})px"},
    {R"px({"schema": {"a": "integer", "b": "string"}, "opts": {"index": "b"}, "upd": [{"data": "[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"y\"},{\"a\":3,\"b\":null}]", "format": "json"}], "rm": ["x"]})px",
     R"px(a:integer,b:string {"a":[3,2],"b":[null,"y"]})px"},
    {R"px({"schema": {"a": "integer", "b": "string"}, "opts": {"index": "a"}, "upd": [{"data": "[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"y\"}]", "format": "json"}], "rm": ["1"]})px",
     R"px(a:integer,b:string {"a":[2],"b":["y"]})px"},
    {R"px({"schema": {"a": "integer", "b": "string"}, "opts": {"index": "a"}, "upd": [{"data": "[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"y\"}]", "format": "json"}], "rm": ["x"]})px",
     R"px(ERR Cannot append value of type string to column of type integer)px"},
    {R"px({"schema": {"a": "integer", "b": "string"}, "opts": {"index": "a"}, "upd": [{"data": "[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"y\"}]", "format": "json"}], "rm": [2.7]})px",
     R"px(a:integer,b:string {"a":[1],"b":["x"]})px"},
    {R"px({"schema": {"a": "integer", "b": "string"}, "opts": {"index": "a"}, "upd": [{"data": "[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"y\"}]", "format": "json"}], "rm": [true]})px",
     R"px(ERR Expected int, found 2)px"},
    {R"px({"schema": {"a": "integer", "b": "string"}, "opts": {"index": "a"}, "upd": [{"data": "[{\"a\":1,\"b\":\"x\"},{\"a\":2,\"b\":\"y\"}]", "format": "json"}], "rm": [null]})px",
     R"px(a:integer,b:string {"a":[1,2],"b":["x","y"]})px"},
    {R"px({"schema": {"a": "date", "b": "string"}, "opts": {"index": "a"}, "upd": [{"data": "[{\"a\":\"2020-01-02\",\"b\":\"x\"},{\"a\":\"2020-01-03\",\"b\":\"y\"}]", "format": "json"}], "rm": ["2020-01-02"]})px",
     R"px(a:date,b:string {"a":[1578009600000],"b":["y"]})px"},
    {R"px({"data": "{\"a\":[1]}", "format": "json"})px",
     R"px(ERR Cannot determine data types without column names!)px"},
    {R"px({"data": "[5]", "format": "json"})px",
     R"px(ERR Cannot determine data types without column names!)px"},
    {R"px({"data": "{\"a\":5}", "format": "columns"})px",
     R"px(ERR Malformed column)px"},
    {R"px({"data": "{\"a\":[1],\"b\":5}", "format": "columns"})px",
     R"px(ERR Malformed column)px"},
    {R"px({"data": "{\"a\":[1,2],\"a2\":[null,null]}", "format": "columns"})px",
     R"px(a:integer,a2:string {"a":[1,2],"a2":[null,null]})px"},
    {R"px({"data": "[{\"a\":\"été\"}]", "format": "json"})px",
     R"px(a:string {"a":["été"]})px"},
    {R"px({"data": "[{\"a\":\"x\"}]", "format": "json"})px",
     R"px(a:string {"a":["x"]})px"},
    {R"px({"data": "{\"a\":[\"x\",\"y\",\"z\"]}", "format": "columns"})px",
     R"px(a:string {"a":["x","y","z"]})px"},
    {R"px({"schema": {"i": "integer"}, "upd": [{"data": "[{\"i\":-10000000000.0},{\"i\":3000000000.0},{\"i\":2147483648.0},{\"i\":-2147483649.0},{\"i\":2147483647.9},{\"i\":-2147483648.9},{\"i\":1e300}]", "format": "json"}]})px",
     R"px(i:integer {"i":[-2147483648,-2147483648,-2147483648,-2147483648,2147483647,-2147483648,-2147483648]})px"},
    {R"px({"schema": {"i": "integer"}, "upd": [{"data": "[{\"i\":\"3000000000.5\"},{\"i\":\"-3e9\"},{\"i\":\"1e10\"}]", "format": "json"}]})px",
     R"px(i:integer {"i":[-2147483648,-2147483648,-2147483648]})px"},
    {R"px({"schema": {"t": "datetime"}, "upd": [{"data": "[{\"t\":1e300},{\"t\":-1.5},{\"t\":1.9}]", "format": "json"}]})px",
     R"px(t:datetime {"t":[-9223372036854776000,-1,1]})px"},
    {R"px({"data": "[{\"z\":null,\"b\":1,\"a\":null},{\"y\":2}]", "format": "json"})px",
     R"px(b:integer,y:integer,a:string,z:string {"b":[1,null],"y":[null,2],"a":[null,null],"z":[null,null]})px"},
    {R"px({"data": "{\"a\":[1.0,2.5],\"s\":[\"x\",\"y\"],\"d\":[\"2020-01-02\",\"2020-01-03\"]}", "format": "columns"})px",
     R"px(a:float,s:string,d:date {"a":[1,2.5],"s":["x","y"],"d":[1577923200000,1578009600000]})px"},
    {R"px({"data": "[{\"a\":null,\"b\":1},{\"a\":2,\"c\":3}]", "format": "json"})px",
     R"px(b:integer,a:integer,c:integer {"b":[1,null],"a":[null,2],"c":[null,3]})px"},
    {R"px({"data": "[{},{\"x\":5}]", "format": "json"})px",
     R"px(x:integer {"x":[null,5]})px"},
    {R"px({"data": "[{\"z\":1,\"y\":null,\"x\":null,\"w\":\"q\"}]", "format": "json"})px",
     R"px(z:integer,w:string,x:string,y:string {"z":[1],"w":["q"],"x":[null],"y":[null]})px"},
    {R"px({"data": "{\"a\":[null,null]}", "format": "columns"})px",
     R"px(a:string {"a":[null,null]})px"},
    {R"px({"data": "[{\"a\":\"2020-01-02\"},{\"a\":\"2020-01-03 00:00:00\"}]", "format": "json"})px",
     R"px(a:date {"a":[1577923200000,1578009600000]})px"},
    {R"px({"data": "[{\"a\":\"2020-01-02T00:00:00.500\"}]", "format": "json"})px",
     R"px(a:date {"a":[1577923200000]})px"},
    {R"px({"data": "[{\"a\":\"true\"},{\"a\":\"FALSE\"},{\"a\":false}]", "format": "json"})px",
     R"px(a:boolean {"a":[true,false,false]})px"},
    {R"px({"schema": {"a": "integer", "b": "float"}, "upd": [{"data": "{\"a\":[1,2],\"b\":[1.5]}", "format": "columns"}]})px",
     R"px(a:integer,b:float {"a":[1,2],"b":[1.5,null]})px"},
    {R"px({"schema": {"a": "string"}, "upd": [{"data": "[{\"a\":2.5},{\"a\":-7},{\"a\":true},{\"a\":0.1}]", "format": "json"}]})px",
     R"px(a:string {"a":["2.500000","-7","true","0.100000"]})px"},
    {R"px({"schema": {"d": "date", "t": "datetime"}, "upd": [{"data": "{\"d\":[\"2024-01-17\",null,-1,86399999,-86400001],\"t\":[1709856000000,null,\"2024-03-08\",1709856000000.7,-1.5]}", "format": "columns"}]})px",
     R"px(d:date,t:datetime {"d":[1705449600000,null,0,0,-86400000],"t":[1709856000000,null,1709856000000,1709856000000,-1]})px"},
    {R"px({"schema": {"k": "integer", "v": "string"}, "opts": {"index": "k"}, "upd": [{"data": "[{\"k\":1,\"v\":\"a\"},{\"k\":2,\"v\":\"b\"}]", "format": "json"}, {"data": "[{\"k\":1}]", "format": "json"}, {"data": "[{\"k\":2,\"v\":null}]", "format": "json"}]})px",
     R"px(k:integer,v:string {"k":[1,2],"v":["a",null]})px"},
};

Batch rows(const std::string& json, const Schema* target = nullptr) { return load_text(json, TextFormat::JsonRows, target); }

}  // namespace

TEST(LoadJson, MatchesReferenceEngine) {
  for (const OracleCase& c : kJsonCases) EXPECT_EQ(test::run_case(c.input), c.expected) << c.input;
}

TEST(LoadJson, InferredColumnOrder) {
  // Typed columns in discovery order, then all-null ones in byte order
  // (Perspective's std::set); JSON columns keep the object's order.
  // Oracle: b:integer,y:integer,a:string,z:string.
  Batch b = rows(R"([{"z":null,"b":1,"a":null},{"y":2}])");
  ASSERT_EQ(b.columns.size(), 4u);
  EXPECT_EQ(b.columns[0].name, "b");
  EXPECT_EQ(b.columns[1].name, "y");
  EXPECT_EQ(b.columns[2].name, "a");
  EXPECT_EQ(b.columns[3].name, "z");
  Batch c = load_text(R"({"s":["x"],"a":[1.5],"d":["2020-01-02"]})", TextFormat::JsonColumns, nullptr);
  ASSERT_EQ(c.columns.size(), 3u);
  EXPECT_EQ(c.columns[0].name, "s");
  EXPECT_EQ(c.columns[1].name, "a");
  EXPECT_EQ(c.columns[2].name, "d");
}

TEST(LoadJson, CreationCellsAreAllGivenUpdateCellsMayBeAbsent) {
  Batch created = rows(R"([{"a":1,"b":null},{"b":2}, {"a":3,"b":4}])");
  for (auto& c : created.columns) EXPECT_EQ(c.present, nullptr);
  Schema s{{"a", DType::Integer}, {"b", DType::Integer}};
  Batch upd = rows(R"([{"a":1},{"b":null}])", &s);
  ASSERT_EQ(upd.num_rows, 2u);
  const BatchColumn& a = upd.columns[upd.find("a")];
  const BatchColumn& b = upd.columns[upd.find("b")];
  EXPECT_TRUE(a.has(0));
  EXPECT_FALSE(a.has(1));
  EXPECT_FALSE(b.has(0));
  EXPECT_TRUE(b.has(1));
  EXPECT_FALSE(b.column->is_valid(1)) << "an explicit null is a given null cell";
}

TEST(LoadJson, EmptyStringInIntegerUpdateIsNotGiven) {
  // fill_column_json clears the cell's status: the old value stays (oracle case above).
  Schema s{{"a", DType::Integer}};
  Batch upd = rows(R"([{"a":""},{"a":"5"}])", &s);
  EXPECT_FALSE(upd.columns[0].has(0));
  EXPECT_EQ(upd.columns[0].column->get<int32_t>(1), 5);
}

TEST(LoadJson, IndexInUpdateIsKeptAndTyped) {
  Schema s{{"a", DType::Integer}};
  Batch upd = rows(R"([{"a":1},{"__INDEX__":0,"a":100}])", &s);
  int ix = upd.find("__INDEX__");
  ASSERT_GE(ix, 0);
  EXPECT_EQ(upd.columns[ix].column->type(), DType::Integer);
  EXPECT_FALSE(upd.columns[ix].has(0));
  EXPECT_TRUE(upd.columns[ix].has(1));
}

TEST(LoadJson, NdjsonTypesFromFirstLineAndStopsAtBadDocument) {
  // Perspective parses documents until one fails; a bad first one is an error.
  Batch b = load_text("{\"a\":1,\"b\":null}\n{\"a\":2.5,\"b\":\"x\"}\n{\"a\":", TextFormat::Ndjson, nullptr);
  EXPECT_EQ(b.num_rows, 2u);
  EXPECT_EQ(b.columns[0].column->type(), DType::Float);
  EXPECT_EQ(b.columns[1].column->type(), DType::String);
  EXPECT_THROW(load_text("{\"a\":", TextFormat::Ndjson, nullptr), Error);
}

TEST(LoadJson, MalformedInputIsAnErrorNotACrash) {
  // Perspective silently loads nothing from a truncated rows document; we
  // report it (documented deviation), with the Parse kind.
  for (const char* bad : {"[{\"a\":1}", "[{\"a\":\"x\xff\"}]", "", "[", "{\"a\":[1,2]", "nul", "[{\"a\":01}]"}) {
    try {
      rows(bad);
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Parse) << bad;
    }
  }
  // Structurally valid JSON of the wrong shape.
  for (const char* bad : {"5", "{\"a\":1}", "[5]", "[{\"a\":1},5]", "[{\"a\":{\"b\":1}}]"}) {
    try {
      rows(bad);
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::Invalid) << bad;
    }
  }
  EXPECT_THROW(load_text("[1,2]", TextFormat::JsonColumns, nullptr), Error);
  EXPECT_THROW(load_text("{\"a\":5}", TextFormat::JsonColumns, nullptr), Error);
}

TEST(LoadJson, BigIntegerLiteralsReadAsDoubles) {
  // rapidjson reads integers beyond 64 bits as doubles; simdjson alone would refuse them.
  Batch b = rows(R"([{"a":100000000000000000000,"b":"100000000000000000000"}])");
  EXPECT_EQ(b.columns[0].column->type(), DType::Float);
  EXPECT_DOUBLE_EQ(b.columns[0].column->get<double>(0), 1e20);
  EXPECT_EQ(b.columns[1].column->type(), DType::Integer) << "a numeric string saturates (T8)";
  EXPECT_EQ(b.columns[1].column->get<int32_t>(0), INT32_MAX);
}

TEST(LoadJson, RemoveKeysAreCoercedToTheKeyType) {
  Batch k = load_keys_json(R"(["1", 2, 3.9, null])", {"id", DType::Integer});
  ASSERT_EQ(k.num_rows, 4u);
  const Column& c = *k.columns[0].column;
  EXPECT_EQ(c.get<int32_t>(0), 1);
  EXPECT_EQ(c.get<int32_t>(1), 2);
  EXPECT_EQ(c.get<int32_t>(2), 3);
  EXPECT_FALSE(c.is_valid(3));
  EXPECT_THROW(load_keys_json(R"(["x"])", {"id", DType::Integer}), Error);
  EXPECT_THROW(load_keys_json(R"({"a":1})", {"id", DType::Integer}), Error);
  Batch d = load_keys_json(R"(["2020-01-02"])", {"d", DType::Date});
  EXPECT_EQ(d.columns[0].column->get<int32_t>(0), 18263);
}

TEST(LoadText, FormatNames) {
  EXPECT_EQ(parse_text_format("csv"), TextFormat::Csv);
  EXPECT_EQ(parse_text_format("json"), TextFormat::JsonRows);
  EXPECT_EQ(parse_text_format("columns"), TextFormat::JsonColumns);
  EXPECT_EQ(parse_text_format("ndjson"), TextFormat::Ndjson);
  EXPECT_THROW(parse_text_format("arrow"), Error);
}
