// Generates cpp/tests/data/expr_cases.json: expressions evaluated by the
// reference engine (@finos/perspective 3.8.0) on a small table with every
// column type and both kinds of null. Rows 0-7 are the first update() of a
// schema-only table, rows 8-11 a second one; the reference's comparisons show
// that nulls of the first batch carry its update status (sorting above values)
// and those of the second its creation status (sorting below), so the JSON
// records `clear_rows`: rows below it hold update nulls, the rest creation nulls. Expected values are never typed
// by hand. Usage: (cd scripts/conformance && ln -s /tmp/oracle/node_modules &&
// node gen-expr-cases.mjs; rm node_modules)
import perspective from "@finos/perspective";
import fs from "fs";
import path from "path";
import { fileURLToPath } from "url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.resolve(HERE, "..", "..", "cpp", "tests", "data", "expr_cases.json");

const SCHEMA = { i: "integer", j: "integer", f: "float", g: "float", s: "string", t: "string", b: "boolean", d: "date", dt: "datetime" };
const ms = (y, mo, d, h = 0, mi = 0, s = 0, milli = 0) => Date.UTC(y, mo - 1, d, h, mi, s, milli);
const CTOR = [
  { i: 1, j: 3, f: 1.5, g: 2, s: "abc", t: "abc", b: true, d: "2024-01-15", dt: ms(2024, 1, 15, 13, 45, 30, 123) },
  { i: -2, j: 0, f: -2.25, g: 0, s: "Hello World", t: "hello", b: false, d: "2023-12-31", dt: ms(2023, 12, 31, 23, 59, 59, 999) },
  { i: null, j: 5, f: null, g: 3.5, s: null, t: "x", b: null, d: null, dt: null },
  { i: 0, j: -7, f: 0, g: -1, s: "", t: "", b: true, d: "1970-01-01", dt: 0 },
  { i: 7, j: 7, f: 1e10, g: 0.5, s: "a1b22c333", t: "B", b: false, d: "2024-02-29", dt: ms(2024, 2, 29, 6, 0, 0) },
  { i: 2147483647, j: 1, f: 0.1, g: 10, s: "xyz", t: "xyz", b: true, d: "2000-06-15", dt: ms(1969, 12, 31, 12, 0, 0) },
  { i: -2147483647, j: 2, f: -0.5, g: 4, s: "Banana", t: "apple", b: false, d: "1999-12-27", dt: ms(2020, 7, 4, 0, 15, 45) },
  { i: 12, j: 12, f: 2.5, g: -2.5, s: "apple pie", t: "apple pie", b: true, d: "2021-05-31", dt: ms(2021, 3, 14, 22, 7, 5, 500) },
];
const UPD = [
  { i: null, j: 4, f: null, g: null, s: null, t: null, b: null, d: null, dt: null },
  { i: 5, j: null, f: 3.75, g: null, s: "Up", t: null, b: true, d: "2010-10-10", dt: ms(2010, 10, 10, 10, 10, 10) },
  { i: -9, j: -9, f: -9.5, g: 1, s: "zz", t: "zz", b: false, d: "1980-03-01", dt: ms(1980, 3, 1, 1, 2, 3) },
  { i: null, j: null, f: 100, g: 100, s: "Up", t: "up", b: null, d: "2024-03-03", dt: null },
];

const EXPRS = [
  // literals, columns, syntax
  `1`, `1.5`, `-3`, `1e3`, `.5`, `'abc'`, `true`, `false`, `True`, `"i"`, `"j"`, `"f"`, `"s"`, `"b"`, `"d"`, `"dt"`,
  `col('i')`, `col('s')`, `col('zz')`, `// comment\n"i"`, `\n  "f"  \n`, `(("i"))`, `1;2;3`, `1; "s";`,
  `var x := 1; x + "f"`, `var x := "i"; x`, `var x := 'a'; x`, `var x; x`, `var x := 1; x := 2; x`, `var x := 1;\nx := "s"`,
  `var x := 2; x += "f"; x`, `var x := 2; x *= 3; x -= 1; x /= 2; x`, `var x := 7; x %= 4`,
  `var a := "i"; var b := "j"; a + b`, `var s := "s"; concat(s, '!')`,
  // arithmetic and typing
  `"i" + "j"`, `"i" - "j"`, `"i" * "j"`, `"i" / "j"`, `"i" % "j"`, `"i" ^ 2`, `"f" + "g"`, `"f" - "g"`, `"f" * "g"`, `"f" / "g"`,
  `"f" % "g"`, `"f" ^ "g"`, `"i" + "f"`, `"f" * "i"`, `"i" + 1`, `1 + "i"`, `"i" * 2`, `2 * "i"`, `"i" * 1`, `1 * "i"`, `"i" * 1.0`,
  `"i" + 0`, `0 + "i"`, `"i" - 0`, `"i" / 1`, `"f" * 1`, `"f" * 0`, `0 * "f"`, `"i" * 0`, `"i" / 0`, `"f" / 0`, `"f" / (1 - 1)`,
  `("f" + 1) / 0`, `"f" % 0`, `1 / 0`, `0 / 0`, `"i" * 2 * 1`, `"i" ^ 1`, `"i" ^ 0`, `2 ^ 10`, `2 ^ 0.5`, `"f" ^ 0.5`,
  `-"i"`, `-"f"`, `+"i"`, `--"i"`, `-(-"f")`, `"i" * -1`, `-2 ^ 2`, `1 + 2 * 3`, `(1 + 2) * 3`, `10 - 4 - 3`, `2 * 3 % 4`, `100 / 10 / 5`,
  `"b" + 1`, `"s" + 1`, `"d" + 1`, `"dt" + 1`, `"s" + "s"`, `-"b"`, `-"s"`, `"b" * 2`, `"d" - "d"`,
  // comparisons
  `"i" == "j"`, `"i" != "j"`, `"i" < "j"`, `"i" <= "j"`, `"i" > "j"`, `"i" >= "j"`, `"f" < "g"`, `"f" == "g"`, `"f" >= "g"`,
  `"s" == "t"`, `"s" != "t"`, `"s" < "t"`, `"s" > "t"`, `"s" <= "t"`, `"b" == true`, `"b" != false`, `"b" < true`,
  `"d" == "d"`, `"d" < date(2010, 1, 1)`, `"dt" > datetime(0)`, `"dt" == "dt"`,
  `"i" > 0`, `"i" < 100`, `"i" == 7`, `"i" != 7`, `"i" > integer(0)`, `"i" == integer(7)`, `float("i") > 0`, `"f" > 0`, `"f" == 1.5`,
  `"i" < "s"`, `"i" > "f"`, `"s" > "i"`, `"b" > "i"`, `"d" > "dt"`, `1 = 1`, `1 <> 2`, `1 < 2`, `'a' < 'b'`, `"s" == 'abc'`, `"i" == "i"`, `"s" == "s"`,
  `"i" < integer(3)`, `"i" >= integer(3)`, `"s" < 'b'`,
  // logic
  `"b" and true`, `"b" or false`, `"b" xor true`, `"b" nand true`, `"b" nor false`, `"b" xnor true`, `true and false`, `true or false`,
  `"i" and true`, `"f" or false`, `"s" and true`, `"d" and true`, `"i" > integer(0) and "f" > 0`, `not("b")`, `not(true)`, `true & false`,
  `("i" > integer(0)) or ("s" == 'abc')`, `"b" and "i"`,
  // conditionals
  `if ("b") { 1 } else { 2 }`, `if ("b") { 'yes' } else { 'no' }`, `if ("b") { 1 }`, `if (0) { 1 } else { 2 }`, `if ("i") { 1 } else { 2 }`,
  `if ("i" > integer(0)) { "i" } else { -"i" }`, `if ("f" > 1) { "f" } else if ("f" > 0) { 0 } else { -1 }`, `"b" ? 'x' : 'y'`,
  `"f" ? 1 : 2`, `1 ? 2 : 3`, `"b" ? "i" : "j"`, `"i" == integer(1) ? 'one' : 'other'`, `if (true) { 1 } else { 2 }`, `if (false) { 1 } else { 2 }`,
  `if ("b") { 1 } else { 'a' }`, `var x := 0; if ("b") { x := 1 } else { x := 2 }; x`, `var x := 10; if ("f" > 0) { x := "f" }; x`,
  `switch { case "b": 1; default: 2; }`, `switch { case "f" > 1: 'big'; case "f" > 0: 'small'; default: 'neg'; }`,
  `var x := 0; for (var k := 0; k < 3; k += 1) { x += 1 }; x`, `var x := 0; while (x < 3) { x += 1 }; x`,
  `var x := "f"; var n := 0; while (x > 1) { x := x / 2; n += 1 }; n`,
  `var t := 0; for (var k := 0; k < "g"; k += 1) { t += k }; t`,
  // math
  `abs("i")`, `abs("f")`, `abs(-1)`, `abs(integer(-3))`, `ceil("f")`, `ceil("i")`, `floor("f")`, `round("f")`, `round(2.5)`, `round(-2.5)`,
  `trunc("f")`, `trunc("i")`, `frac("f")`, `frac("i")`, `sgn("f")`, `sgn("i")`, `sqrt("f")`, `sqrt("i")`, `sqrt(-1)`, `exp("f")`, `exp("i")`,
  `log("f")`, `log10("g")`, `log1p("f")`, `log2("g")`, `logn(8, 2)`, `logn("g", 2)`, `root(27, 3)`, `root(-8, 2)`, `root("g", 2)`,
  `pow(2, 3)`, `pow("f", 2)`, `min("i", "f")`, `max("i", "f")`, `min("f")`, `max(1, 2, 3)`, `min("f", 1)`, `max("s", 1)`,
  `sum("i")`, `sum("i", 1)`, `sum("f", "g", 1)`, `sum(1, "b")`, `avg("f", 1, 2)`, `avg("f")`, `mul("f", 2)`, `mul("i", "j")`, `avg()`,
  `percent_of("f", 2)`, `percent_of(7, 2)`, `percent_of("i", 0)`, `iclamp(0, "f", 10)`, `iclamp(0, "i", 10)`, `iclamp("f", 1, 2)`,
  `inrange(0, "f", 10)`, `inrange(0, "i", 10)`, `inrange(integer(0), "i", integer(10))`, `pi`, `pi * 2`,
  `sin("f")`, `cos("f")`, `tan("f")`, `sin("i")`, `sin(1)`, `cos(integer(0))`, `asin(0.5)`, `acos(0.5)`, `atan(1)`, `sinh(1)`, `cosh(1)`,
  `tanh(1)`, `asinh(1)`, `acosh(2)`, `atanh(0.5)`, `cot(1)`, `sinc(0)`, `sinc("f")`, `deg2rad(180)`, `rad2deg(pi)`, `deg2grad(90)`, `grad2deg(100)`,
  `sqrt()`, `sqrt(1, 2)`, `hypot(3, 4)`, `sec(1)`,
  // buckets
  `bucket("f", 0.5)`, `bucket("i", 5)`, `bucket(-3, 5)`, `bucket("f", "g")`, `bucket("dt", 's')`, `bucket("dt", '30s')`, `bucket("dt", 'm')`,
  `bucket("dt", '15m')`, `bucket("dt", 'h')`, `bucket("dt", '6h')`, `bucket("dt", 'D')`, `bucket("dt", 'W')`, `bucket("dt", 'M')`,
  `bucket("dt", '3M')`, `bucket("dt", 'Y')`, `bucket("dt", '10Y')`, `bucket("d", 'D')`, `bucket("d", 'W')`, `bucket("d", 'M')`,
  `bucket("d", '2M')`, `bucket("d", '4M')`, `bucket("d", 'Y')`, `bucket("d", '5Y')`, `bucket("d", 'h')`, `bucket("dt", 'x')`, `bucket("dt", '7m')`,
  `bucket("dt", '2D')`, `bucket("s", 'D')`, `bucket("i")`,
  // date parts and constructors
  `hour_of_day("dt")`, `hour_of_day("d")`, `day_of_week("d")`, `day_of_week("dt")`, `month_of_year("d")`, `month_of_year("dt")`, `hour_of_day("i")`,
  `date(2024, 1, 15)`, `date(2024, 13, 1)`, `date("i", 1, 1)`, `date(2024, "j", 1)`, `datetime(0)`, `datetime("f")`, `datetime("i")`,
  `datetime(1700000000000)`,
  // casts
  `integer("f")`, `integer("s")`, `integer("b")`, `integer("d")`, `integer("dt")`, `integer(3000000000)`, `integer(-2.7)`, `integer('42')`,
  `integer(' 12abc')`, `float("i")`, `float("s")`, `float("b")`, `float("d")`, `float("dt")`, `float('3.5e2')`, `float('x')`,
  `boolean("i")`, `boolean("f")`, `boolean("s")`, `boolean("b")`, `boolean("d")`, `string("i")`, `string("f")`, `string("b")`, `string("d")`,
  `string("dt")`, `string("s")`, `string(1.25)`, `string(1e21)`, `string(integer(5))`, `integer(1) + integer(2)`, `-integer(3)`,
  // strings
  `concat("s", '-', "t")`, `concat("s", "t")`, `concat('a', 'b')`, `concat("s", 1)`, `upper("s")`, `lower("s")`, `upper(1)`, `length("s")`,
  `length("t")`, `order("s", 'abc', 'Hello World')`, `order("t", 'apple', 'abc', 'xyz')`, `substring("s", 1, 2)`, `substring("s", 1)`,
  `substring("s", 0, 3)`, `substring("s", 5, 100)`, `substring("s", -1)`, `substring("t", 0, 0)`, `concat(upper("s"), lower("t"))`,
  `is_null("i")`, `is_not_null("s")`, `is_null("dt")`, `is_null(1)`, `is_null("i" + 1)`,
  // errors
  `foo`, `"i" + foo`, `"i" +`, `("i" + 1`, `"i" + 1)`, `"zz" + 1`, `1 +* 2`, `repeat`, `1 2`, `'abc`, `if ("b") { 1 } else { 'a'`,
  `1;\n2;\nfoo`, `x := 1`, `!true`,
  // quirks of the text rewriting
  `"s" == 'true'`, `concat("s", 'false')`,
];

const table = await perspective.table(SCHEMA);
await table.update(CTOR);
const all = [...CTOR, ...UPD];
await table.update(UPD);

const cases = [];
for (const expr of EXPRS) {
  const val = await table.validate_expressions({ e: expr });
  if (val.errors && val.errors.e) {
    const e = val.errors.e;
    cases.push({ expr, error: e.error_message, line: e.line, column: e.column });
    continue;
  }
  const view = await table.view({ expressions: { e: expr }, columns: ["e"] });
  const type = (await view.expression_schema()).e;
  const values = (await view.to_columns()).e;
  await view.delete();
  const nondeterministic = /random|now|today/.test(expr);
  // rows where the reference wrote another type's raw bits (subnormal garbage)
  const garbage = values.some((v) => typeof v === "number" && v !== 0 && Math.abs(v) < 1e-300);
  const c = { expr, type, values: nondeterministic || garbage ? null : values };
  if (garbage) c.note = "reference output holds raw bits of another type";
  cases.push(c);
}
// integers beyond 64 bits are written as doubles (simdjson rejects them as integers)
const text = JSON.stringify({ schema: SCHEMA, clear_rows: CTOR.length, rows: all, cases }, null, 1).replace(/(?<=[\s\[,:-])(\d{20,})(?=[\s,\]])/g, "$1.0");
fs.writeFileSync(OUT, text + "\n");
console.log(`wrote ${cases.length} cases to ${OUT}`);
process.exit(0);
