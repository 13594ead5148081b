import * as assert from "assert";
import { parse } from "yaml";
import { z } from "zod";
import { prototypeKeyPath } from "../../common";

describe("prototype keys", () => {
    it("are dropped by a plain copy, which is why readers must refuse them", () => {
        const parsed = JSON.parse('{"env": {"__proto__": "kept by JSON.parse", "A": "x"}}') as { env: Record<string, string> };
        assert.deepStrictEqual(Object.keys(parsed.env), ["__proto__", "A"]);
        assert.deepStrictEqual(Object.keys(z.record(z.string(), z.string()).parse(parsed.env)), ["A"], "zod's record drops it silently");
    });

    it("are found at any depth of parsed JSON or YAML, with their path", () => {
        assert.deepStrictEqual(prototypeKeyPath(JSON.parse('{"a": [1, {"b": {"__proto__": {}}}]}')), ["a", 1, "b", "__proto__"]);
        assert.deepStrictEqual(prototypeKeyPath(parse("config:\n  bilko:services:\n    web:\n      env:\n        __proto__: x\n")), ["config", "bilko:services", "web", "env", "__proto__"]);
        assert.strictEqual(prototypeKeyPath({ constructor: { prototype: 1 }, list: ["__proto__"] }), undefined, "only the key itself is the problem");
    });
});
