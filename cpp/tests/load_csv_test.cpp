// CSV loader (semantics 1.5, T17): inference at creation, conversion to the
// table's schema on update, the RFC 4180 dialect of Arrow's reader, error
// messages, and the parallel chunked parse. The table below was recorded from
// @finos/perspective 3.8.0 (Node, TZ=UTC): each text was given to
// `perspective.table(csv)` or `table(schema)` + `update(csv)`; the printed line
// is `t.columns()` with types plus `view.to_columns()`.
#include <gtest/gtest.h>

#include "load_test_util.h"
#include "parallax/core/parallel.h"
#include "parallax/load/loaders.h"

using namespace parallax;

namespace {

struct OracleCase {
  const char* input;
  const char* expected;
};

const OracleCase kCsvCases[] = {
    {R"px({"data": "a,b\n1,2\n"})px",
     R"px(a:integer,b:integer {"a":[1],"b":[2]})px"},
    {R"px({"data": "a,b\n"})px",
     R"px(a:string,b:string {"a":[],"b":[]})px"},
    {R"px({"data": "a,b\n1,\n2,\n"})px",
     R"px(a:integer,b:string {"a":[1,2],"b":[null,null]})px"},
    {R"px({"data": "a\n3000000000\n"})px",
     R"px(a:integer {"a":[3000000000]})px"},
    {R"px({"data": "a\n1\n0\n"})px",
     R"px(a:integer {"a":[1,0]})px"},
    {R"px({"data": "a\ntrue\nFALSE\n"})px",
     R"px(a:boolean {"a":[true,false]})px"},
    {R"px({"data": "a\ntrue\n1\n"})px",
     R"px(a:boolean {"a":[true,true]})px"},
    {R"px({"data": "a\n1.5\nnull\nNaN\ninf\n"})px",
     R"px(a:float {"a":[1.5,null,null,null]})px"},
    {R"px({"data": "a\n1\nNA\nN/A\n#N/A\n"})px",
     R"px(a:integer {"a":[1,null,null,null]})px"},
    {R"px({"data": "a\nx\n\nnull\nNA\n"})px",
     R"px(a:string {"a":["x","null","NA"]})px"},
    {R"px({"data": "a\n2020-01-02\n2020-01-03\n"})px",
     R"px(a:date {"a":[1577923200000,1578009600000]})px"},
    {R"px({"data": "a\n2020-01-02T00:00:00\n"})px",
     R"px(a:datetime {"a":[1577923200000]})px"},
    {R"px({"data": "a\n2020-01-02T03:04:05.123456\n"})px",
     R"px(a:datetime {"a":[1577934245123]})px"},
    {R"px({"data": "a\n01/02/2020\n"})px",
     R"px(a:datetime {"a":[1577923200000]})px"},
    {R"px({"data": "a\n1/2/2020\n"})px",
     R"px(a:datetime {"a":[1577923200000]})px"},
    {R"px({"data": "a\n01-02-2020\n"})px",
     R"px(a:datetime {"a":[1577923200000]})px"},
    {R"px({"data": "a\n2020/01/02\n"})px",
     R"px(a:string {"a":["2020/01/02"]})px"},
    {R"px({"data": "a\n2020 01 02\n"})px",
     R"px(a:string {"a":["2020 01 02"]})px"},
    {R"px({"data": "a\n02 01 2020\n"})px",
     R"px(a:datetime {"a":[1577923200000]})px"},
    {R"px({"data": "a\n01/02/20\n"})px",
     R"px(a:datetime {"a":[-61535980800000]})px"},
    {R"px({"data": "a\n00:01:02\n"})px",
     R"px(ERR Could not load arrow column of type `time32`)px"},
    {R"px({"data": "a\n2020-01-02T03:04:05+01:00\n"})px",
     R"px(a:datetime {"a":[1577930645000]})px"},
    {R"px({"data": "a\n2020-01-02T03:04:05.1234\n"})px",
     R"px(a:datetime {"a":[1577934245123]})px"},
    {R"px({"data": "a\n01/02/2020, 03:04:05 PM\n"})px",
     R"px(ERR Invalid: CSV parse error: Row #2: Expected 1 columns, got 2: 01/02/2020, 03:04:05 PM)px"},
    {R"px({"data": "a,b,c\n1,2\n"})px",
     R"px(ERR Invalid: CSV parse error: Row #2: Expected 3 columns, got 2: 1,2)px"},
    {R"px({"data": "a,b,c\n1,2,3\n4,5\n"})px",
     R"px(ERR Invalid: CSV parse error: Row #3: Expected 3 columns, got 2: 4,5)px"},
    {R"px({"data": "a,b\n1,2,3\n"})px",
     R"px(ERR Invalid: CSV parse error: Row #2: Expected 2 columns, got 3: 1,2,3)px"},
    {R"px({"data": "a,b\r\n1,2\r\n3,4\r\n"})px",
     R"px(a:integer,b:integer {"a":[1,3],"b":[2,4]})px"},
    {R"px({"data": "a,b\n\"x,y\",2\n\"he said \"\"hi\"\"\",3\n"})px",
     R"px(a:string,b:integer {"a":["x,y","he said \"hi\""],"b":[2,3]})px"},
    {R"px({"data": "a,b\n\"multi\nline\",1\n2,2\n"})px",
     R"px(a:string,b:integer {"a":["multi\nline","2"],"b":[1,2]})px"},
    {R"px({"data": "a,b\n1,2\n\n3,4\n"})px",
     R"px(a:integer,b:integer {"a":[1,3],"b":[2,4]})px"},
    {R"px({"data": "a\rb\r"})px",
     R"px(a:string {"a":["b"]})px"},
    {R"px({"data": "__INDEX__,a\n5,x\n6,y\n"})px",
     R"px(a:string {"a":["x","y"]})px"},
    {R"px({"data": "a,__INDEX__\nx,0\ny,1\n"})px",
     R"px(a:string {"a":["x","y"]})px"},
    {R"px({"data": "a\n+5\n"})px",
     R"px(a:float {"a":[5]})px"},
    {R"px({"data": "a\n0x1A\n"})px",
     R"px(a:integer {"a":[26]})px"},
    {R"px({"data": " a ,b\n 1 ,2\n"})px",
     R"px( a :integer,b:integer {" a ":[1],"b":[2]})px"},
    {R"px({"data": "a\n1e3\n"})px",
     R"px(a:float {"a":[1000]})px"},
    {R"px({"data": "a\n.5\n"})px",
     R"px(a:float {"a":[0.5]})px"},
    {R"px({"data": "a\n-0\n"})px",
     R"px(a:integer {"a":[0]})px"},
    {R"px({"data": "a,a\n1,2\n"})px",
     R"px(a:integer,a*:integer {"a":[1],"a*":[2]})px"},
    {R"px({"data": "a\nab\"cd\n"})px",
     R"px(a:string {"a":["ab\"cd"]})px"},
    {R"px({"data": "a\n\"ab\"cd\n"})px",
     R"px(a:string {"a":["abcd"]})px"},
    {R"px({"data": ""})px",
     R"px(ERR Invalid: Empty CSV file)px"},
    {R"px({"data": "a\n\"unterminated\n"})px",
     R"px(a:string {"a":["unterminated\n"]})px"},
    {R"px({"data": "a,b\n1,\"x\"\"\n"})px",
     R"px(a:integer,b:string {"a":[1],"b":["x\"\n"]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "i,f,s,b,d,t\n1,1.5,x,true,2020-01-02,2020-01-02T03:04:05\n,,,,,\n"}]})px",
     R"px(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[1,null],"f":[1.5,null],"s":["x",""],"b":[true,null],"d":[1577923200000,null],"t":[1577934245000,null]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "i\n3.7\n"}]})px",
     R"px(ERR Invalid: In CSV column #0: Row #2: CSV conversion error to int32: invalid value '3.7')px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "i\n3000000000\n"}]})px",
     R"px(ERR Invalid: In CSV column #0: Row #2: CSV conversion error to int32: invalid value '3000000000')px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "i\nx\n"}]})px",
     R"px(ERR Invalid: In CSV column #0: Row #2: CSV conversion error to int32: invalid value 'x')px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "i\n+5\n"}]})px",
     R"px(ERR Invalid: In CSV column #0: Row #2: CSV conversion error to int32: invalid value '+5')px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "i\n0x1A\n"}]})px",
     R"px(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[26],"f":[null],"s":[null],"b":[null],"d":[null],"t":[null]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "i\n null\n"}]})px",
     R"px(ERR Invalid: In CSV column #0: Row #2: CSV conversion error to int32: invalid value 'null')px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "i\nnull\n"}]})px",
     R"px(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[null],"f":[null],"s":[null],"b":[null],"d":[null],"t":[null]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "i\nNaN\n"}]})px",
     R"px(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[null],"f":[null],"s":[null],"b":[null],"d":[null],"t":[null]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "f\nabc\n"}]})px",
     R"px(ERR Invalid: In CSV column #0: Row #2: CSV conversion error to double: invalid value 'abc')px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "f\n1\n"}]})px",
     R"px(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[null],"f":[1],"s":[null],"b":[null],"d":[null],"t":[null]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "f\n+1.5\n"}]})px",
     R"px(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[null],"f":[1.5],"s":[null],"b":[null],"d":[null],"t":[null]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "b\nyes\n"}]})px",
     R"px(ERR Invalid: In CSV column #0: Row #2: CSV conversion error to bool: invalid value 'yes')px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "b\n1\n"}]})px",
     R"px(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[null],"f":[null],"s":[null],"b":[true],"d":[null],"t":[null]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "b\nTrue\n"}]})px",
     R"px(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[null],"f":[null],"s":[null],"b":[true],"d":[null],"t":[null]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "d\n01/02/2020\n"}]})px",
     R"px(ERR Invalid: In CSV column #0: Row #2: CSV conversion error to date64[ms]: invalid value '01/02/2020')px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "d\n2020-01-02T00:00:00\n"}]})px",
     R"px(ERR Invalid: In CSV column #0: Row #2: CSV conversion error to date64[ms]: invalid value '2020-01-02T00:00:00')px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "d\n1577923200000\n"}]})px",
     R"px(ERR Invalid: In CSV column #0: Row #2: CSV conversion error to date64[ms]: invalid value '1577923200000')px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "d\nx\n"}]})px",
     R"px(ERR Invalid: In CSV column #0: Row #2: CSV conversion error to date64[ms]: invalid value 'x')px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "t\n1577923200000\n"}]})px",
     R"px(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[null],"f":[null],"s":[null],"b":[null],"d":[null],"t":[1577923200000]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "t\n2020-01-02\n"}]})px",
     R"px(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[null],"f":[null],"s":[null],"b":[null],"d":[null],"t":[1577923200000]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "t\n01/02/2020\n"}]})px",
     R"px(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[null],"f":[null],"s":[null],"b":[null],"d":[null],"t":[1577923200000]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "t\nabc\n"}]})px",
     R"px(ERR stoll: no conversion)px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "t\n2020-01-02T03:04:05.999\n"}]})px",
     R"px(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[null],"f":[null],"s":[null],"b":[null],"d":[null],"t":[1577934245999]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "t\n2020-01-02 03:04:05.123456\n"}]})px",
     R"px(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[null],"f":[null],"s":[null],"b":[null],"d":[null],"t":[1577934245123]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "t\n2020/01/02\n"}]})px",
     R"px(ERR Invalid: In CSV column #0: Row #2: CSV conversion error to timestamp[ms]: invalid value '2020/01/02')px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "s\n\n\"\"\nnull\n"}]})px",
     R"px(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[null,null],"f":[null,null],"s":["","null"],"b":[null,null],"d":[null,null],"t":[null,null]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "s,zz\nx,1\n"}]})px",
     R"px(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[null],"f":[null],"s":["x"],"b":[null],"d":[null],"t":[null]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "zz\n1\n"}]})px",
     R"px(i:integer,f:float,s:string,b:boolean,d:date,t:datetime {"i":[null],"f":[null],"s":[null],"b":[null],"d":[null],"t":[null]})px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "s,i\nx\n"}]})px",
     R"px(ERR Invalid: CSV parse error: Row #2: Expected 2 columns, got 1: x)px"},
    {R"px({"schema": {"i": "integer", "f": "float", "s": "string", "b": "boolean", "d": "date", "t": "datetime"}, "upd": [{"data": "i,s\n5,a\n6\n"}]})px",
     R"px(ERR Invalid: CSV parse error: Row #3: Expected 2 columns, got 1: 6)px"},
    {R"px({"schema": {"k": "string", "v": "integer"}, "opts": {"index": "k"}, "upd": [{"data": "k,v\na,1\nb,2\n"}, {"data": "k\na\nc\n"}]})px",
     R"px(k:string,v:integer {"k":["a","b","c"],"v":[1,2,null]})px"},
    {R"px({"schema": {"k": "integer", "v": "string"}, "opts": {"index": "k"}, "upd": [{"data": "k,v\n1,x\n"}, {"data": "__INDEX__,v\n1,y\n"}]})px",
     R"px(k:integer,v:string {"k":[null,1],"v":["y","x"]})px"},
    {R"px({"schema": {"v": "string"}, "upd": [{"data": "v\nx\ny\n"}, {"data": "__INDEX__,v\n0,z\n"}]})px",
     R"px(v:string {"v":["x","y","z"]})px"},
    {R"px({"data": "a,b\n1,2\n\n3\n"})px",
     R"px(ERR Invalid: CSV parse error: Row #3: Expected 2 columns, got 1: 3)px"},
    {R"px({"data": "﻿a,b\n1,2\n"})px",
     R"px(a:integer,b:integer {"a":[1],"b":[2]})px"},
    {R"px({"data": "a,a,a\n1,2,3\n"})px",
     R"px(a:integer,a*:integer,a**:integer {"a":[1],"a*":[2],"a**":[3]})px"},
    {R"px({"data": "a,,b\n1,2,3\n"})px",
     R"px(a:integer,:integer,b:integer {"a":[1],"":[2],"b":[3]})px"},
    {R"px({"data": "\n\na,b\n1,2\n"})px",
     R"px(a:integer,b:integer {"a":[1],"b":[2]})px"},
    {R"px({"data": "a,b\n1,2\n3,x\n"})px",
     R"px(a:integer,b:string {"a":[1,3],"b":["2","x"]})px"},
    {R"px({"data": "a,b\n1,x\n3,4\n"})px",
     R"px(a:integer,b:string {"a":[1,3],"b":["x","4"]})px"},
    {R"px({"data": "a\n9223372036854775807\n9223372036854775808\n"})px",
     R"px(a:float {"a":[9223372036854776000,9223372036854776000]})px"},
    {R"px({"data": "a\n-0x1A\n"})px",
     R"px(a:string {"a":["-0x1A"]})px"},
    {R"px({"data": "a\n0xFFFFFFFFFFFFFFFF\n"})px",
     R"px(a:integer {"a":[-1]})px"},
    {R"px({"data": "a\n1\n2020-01-02\n"})px",
     R"px(a:string {"a":["1","2020-01-02"]})px"},
    {R"px({"data": "a\n1\ntrue\n"})px",
     R"px(a:boolean {"a":[true,true]})px"},
    {R"px({"data": "a\n5.\n"})px",
     R"px(a:float {"a":[5]})px"},
    {R"px({"data": "a\nInfinity\n-inf\n"})px",
     R"px(a:float {"a":[null,null]})px"},
    {R"px({"data": "a\n\" 1\"\n"})px",
     R"px(a:integer {"a":[1]})px"},
    {R"px({"data": "a\n1 \n"})px",
     R"px(a:integer {"a":[1]})px"},
    {R"px({"data": "a\n\"1\"\n"})px",
     R"px(a:integer {"a":[1]})px"},
    {R"px({"data": "a,b\n\"x\"\"y\",1\n"})px",
     R"px(a:string,b:integer {"a":["x\"y"],"b":[1]})px"},
    {R"px({"data": " \n1\n"})px",
     R"px( :integer {" ":[1]})px"},
    {R"px({"schema": {"i": "integer", "s": "string"}, "upd": [{"data": "i,s\n1,a\n2,b\n3.5,c\n"}]})px",
     R"px(ERR Invalid: In CSV column #0: Row #4: CSV conversion error to int32: invalid value '3.5')px"},
    {R"px({"schema": {"i": "integer", "s": "string"}, "upd": [{"data": "s,i\na,1\nb,x\n"}]})px",
     R"px(ERR Invalid: In CSV column #1: Row #3: CSV conversion error to int32: invalid value 'x')px"},
    {R"px({"schema": {"i": "integer", "s": "string"}, "upd": [{"data": "i,s\n1\n"}]})px",
     R"px(ERR Invalid: CSV parse error: Row #2: Expected 2 columns, got 1: 1)px"},
    {R"px({"schema": {"i": "integer", "s": "string"}, "upd": [{"data": "i,s\n1,a\n\n2\n"}]})px",
     R"px(ERR Invalid: CSV parse error: Row #3: Expected 2 columns, got 1: 2)px"},
    {R"px({"data": "a,b\n1,x\n2,y\n"})px",
     R"px(a:integer,b:string {"a":[1,2],"b":["x","y"]})px"},
    {R"px({"data": "a\n1\n2.5\n"})px",
     R"px(a:float {"a":[1,2.5]})px"},
    {R"px({"data": "a\n1\nx\n"})px",
     R"px(a:string {"a":["1","x"]})px"},
    {R"px({"data": "a\ntrue\nx\n"})px",
     R"px(a:string {"a":["true","x"]})px"},
    {R"px({"data": "a\n2020-01-02\n2020-01-02 03:04:05\n"})px",
     R"px(a:datetime {"a":[1577923200000,1577934245000]})px"},
    {R"px({"data": "a\n2020-01-02\nx\n"})px",
     R"px(a:string {"a":["2020-01-02","x"]})px"},
    {R"px({"data": "a\n\n\n"})px",
     R"px(a:string {"a":[]})px"},
    {R"px({"data": "a,b\n,\n,\n"})px",
     R"px(a:string,b:string {"a":[null,null],"b":[null,null]})px"},
    {R"px({"data": "a,b\nnull,NA\n1,x\n"})px",
     R"px(a:integer,b:string {"a":[null,1],"b":["NA","x"]})px"},
    {R"px({"data": "a\n1.5\n-2\n1e-7\n"})px",
     R"px(a:float {"a":[1.5,-2,1e-7]})px"},
    {R"px({"data": "k,v\na,1\nb,2\na,3\nb,4\nc,5\n"})px",
     R"px(k:string,v:integer {"k":["a","b","a","b","c"],"v":[1,2,3,4,5]})px"},
    {R"px({"data": "a,b,c,d,e\n1,1.5,x,2024-01-02,true\n2,,y,2024-01-03,false\n3,3.25,,2024-01-04 10:11:12,\n"})px",
     R"px(a:integer,b:float,c:string,d:datetime,e:boolean {"a":[1,2,3],"b":[1.5,null,3.25],"c":["x","y",""],"d":[1704153600000,1704240000000,1704363072000],"e":[true,false,null]})px"},
    {R"px({"data": "a,b\n1,2"})px",
     R"px(a:integer,b:integer {"a":[1],"b":[2]})px"},
    {R"px({"data": "a,b\n1,"})px",
     R"px(a:integer,b:string {"a":[1],"b":[null]})px"},
    {R"px({"data": "\"a\"\"q\",\"b,c\"\n1,2\n"})px",
     R"px(a"q:integer,b,c:integer {"a\"q":[1],"b,c":[2]})px"},
    {R"px({"schema": {"i": "integer", "s": "string"}, "upd": [{"data": "i,s\n1,a\n"}, {"data": "s,i\nb,2\n"}]})px",
     R"px(i:integer,s:string {"i":[1,2],"s":["a","b"]})px"},
    {R"px({"schema": {"i": "integer", "s": "string"}, "opts": {"index": "i"}, "upd": [{"data": "i,s\n1,a\n2,b\n"}, {"data": "i\n1\n3\n"}]})px",
     R"px(i:integer,s:string {"i":[1,2,3],"s":["a","b",null]})px"},
    {R"px({"schema": {"b": "boolean"}, "upd": [{"data": "b\nfalse\nFalse\n0\n"}]})px",
     R"px(b:boolean {"b":[false,false,false]})px"},
    {R"px({"schema": {"d": "date"}, "upd": [{"data": "d\n2020-02-30\n"}]})px",
     R"px(ERR Invalid: In CSV column #0: Row #2: CSV conversion error to date64[ms]: invalid value '2020-02-30')px"},
    {R"px({"schema": {"t": "datetime"}, "upd": [{"data": "t\n 1577923200000\n-5\n"}]})px",
     R"px(t:datetime {"t":[1577923200000,-5]})px"},
    {R"px({"schema": {"t": "datetime"}, "upd": [{"data": "t\n \n"}]})px",
     R"px(ERR stoll: no conversion)px"},
    {R"px({"schema": {"f": "float"}, "upd": [{"data": "f\n 1.5 \n1e400\n"}]})px",
     R"px(f:float {"f":[1.5,null]})px"},
};

Batch csv(const std::string& text, const Schema* target = nullptr) { return load_text(text, TextFormat::Csv, target); }

/// Restores the engine's thread count when a test changes it.
struct Threads {
  int saved = engine_threads();
  explicit Threads(int n) { set_engine_threads(n); }
  ~Threads() { set_engine_threads(saved); }
};

}  // namespace

TEST(LoadCsv, MatchesReferenceEngine) {
  for (const OracleCase& c : kCsvCases) EXPECT_EQ(test::run_case(c.input), c.expected) << c.input;
}

TEST(LoadCsv, IntegersAreWideAndStringsKeepEmptyCells) {
  Batch b = csv("i,s\n3000000000,\n1,x\n");
  EXPECT_TRUE(b.columns[0].column->wide());
  EXPECT_EQ(b.columns[0].column->get<int64_t>(0), 3000000000);
  EXPECT_TRUE(b.columns[1].column->is_valid(0));
  EXPECT_EQ(b.columns[1].column->get_string(0), "");
}

TEST(LoadCsv, UpdateDropsUnknownColumnsAndLeavesMissingOnesOut) {
  Schema s{{"a", DType::Integer}, {"b", DType::String}};
  Batch b = csv("zz,a\nq,1\n", &s);
  ASSERT_EQ(b.columns.size(), 1u);
  EXPECT_EQ(b.columns[0].name, "a");
  EXPECT_EQ(b.columns[0].column->type(), DType::Integer);
  EXPECT_FALSE(b.columns[0].column->wide()) << "converted to the table's storage";
}

TEST(LoadCsv, InvalidUtf8FailsAStringUpdateButLoadsAsBinaryAtCreation) {
  Schema s{{"s", DType::String}};
  try {
    csv("s\nok\nbad\xff\n", &s);
    ADD_FAILURE() << "accepted invalid UTF-8";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "Invalid: In CSV column #0: Row #3: CSV conversion error to string: invalid UTF8 data");
  }
  Batch b = csv("s\nbad\xff\n");
  EXPECT_EQ(b.columns[0].column->get_string(0), "bad\xff");
}

TEST(LoadCsv, MalformedInputNeverCrashes) {
  const char* inputs[] = {"",        "\n\n",  "\"",          "a\n\"",        "a,b\n\"x",  "a\n\"\"\"",
                          "a,\n,,,\n", "\r",     "a\r\n\r\n1", "\xEF\xBB\xBF", "a\n\x00\n", ",,,\n,,,"};
  for (const char* in : inputs) {
    try {
      Batch b = csv(std::string(in));
      for (auto& c : b.columns) EXPECT_EQ(c.column->size(), b.num_rows);
    } catch (const Error&) {
    }
  }
  EXPECT_THROW(csv(""), Error);
  EXPECT_THROW(csv("a,b\n1\n"), Error);
}

TEST(LoadCsv, ParallelChunksMatchTheGeneratedData) {
  // ~3 MB spread over several chunks: quoted fields with delimiters and line
  // ends, CRLF, nulls, and a column that only turns float in its last row.
  const char* names[] = {"alpha", "beta, with comma", "gamma\nnewline", "say \"hi\"", ""};
  const size_t n = 40000;
  std::string text = "i,s,f,late,d\r\n";
  for (size_t k = 0; k < n; ++k) {
    std::string s = names[k % 5];
    std::string quoted = "\"";
    for (char ch : s) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    quoted += "\"";
    text += std::to_string(int64_t(k) * 3 - 7) + "," + quoted + ",";
    text += k % 11 == 0 ? std::string("") : std::to_string(double(k) / 8);
    text += "," + (k + 1 == n ? std::string("2.5") : std::to_string(k));
    text += ",2020-01-" + std::string(k % 28 < 9 ? "0" : "") + std::to_string(k % 28 + 1) + "\r\n";
  }
  for (int threads : {1, 2, 3}) {
    Threads t(threads);
    Batch b = csv(text);
    ASSERT_EQ(b.num_rows, n);
    const Column &i = *b.columns[0].column, &s = *b.columns[1].column, &f = *b.columns[2].column,
                 &late = *b.columns[3].column, &d = *b.columns[4].column;
    ASSERT_EQ(f.type(), DType::Float);
    ASSERT_EQ(late.type(), DType::Float) << "loosened by its last row";
    ASSERT_EQ(d.type(), DType::Date);
    for (size_t k = 0; k < n; ++k) {
      ASSERT_EQ(i.get<int64_t>(k), int64_t(k) * 3 - 7) << k;
      ASSERT_EQ(s.get_string(k), names[k % 5]) << k;
      ASSERT_EQ(f.is_valid(k), k % 11 != 0) << k;
      if (k % 11) ASSERT_DOUBLE_EQ(f.get<double>(k), double(k) / 8) << k;
      ASSERT_DOUBLE_EQ(late.get<double>(k), k + 1 == n ? 2.5 : double(k)) << k;
      ASSERT_EQ(d.get<int32_t>(k), 18262 + int32_t(k % 28)) << k;
    }
    EXPECT_EQ(s.dict()->size(), 5) << "chunk dictionaries merge into one";
  }
}

TEST(LoadCsv, RaggedRowReportedWithItsGlobalRowNumber) {
  std::string text = "a,b\n";
  for (int k = 0; k < 200000; ++k) text += "1,2\n";
  text += "3\n";
  Threads t(2);
  try {
    csv(text);
    ADD_FAILURE();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "Invalid: CSV parse error: Row #200002: Expected 2 columns, got 1: 3");
  }
}
