import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromApi, toApi, toCamelKey, toSnakeKey } from "../../../provider/codec/case";

/** API keys as the API spells them: no upper-case letters (upper-case keys live in opaque maps). */
const apiKey = fc.string({ minLength: 0, maxLength: 12 }).map((s) => s.toLowerCase());
const apiJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.jsonValue({ maxDepth: 0 }),
    tie("object"),
    fc.array(tie("value"), { maxLength: 3 }),
  ),
  object: fc.dictionary(apiKey, tie("value"), { maxKeys: 4 }),
})).object;

describe("camelCase <-> snake_case", () => {
  it("converts the API's keys and back", () => {
    expect(toCamelKey("max_duration_seconds")).toBe("maxDurationSeconds");
    expect(toSnakeKey("maxDurationSeconds")).toBe("max_duration_seconds");
    expect(toCamelKey("URL")).toBe("URL");
    expect(toSnakeKey(toCamelKey("voice_2_id"))).toBe("voice_2_id");
  });

  it("every API key without upper-case letters round-trips: toSnake(toCamel(k)) === k", () => {
    fc.assert(fc.property(apiKey, (k) => toSnakeKey(toCamelKey(k)) === k));
  });

  it("every resource key the API side can produce round-trips: toCamel(toSnake(c)) === c", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (s) => {
        const c = toCamelKey(s);
        return toCamelKey(toSnakeKey(c)) === c;
      }),
    );
  });

  it("api -> resource -> api changes nothing, for any payload", () => {
    fc.assert(
      fc.property(apiJson, (payload) => {
        expect(toApi(fromApi(payload))).toEqual(payload);
      }),
    );
  });

  it("opaque maps keep user keys verbatim, at any depth, in both directions", () => {
    const api = {
      server_tool: {
        headers: { "X-Api_Key": "v", content_type: "x" },
        parameters: [{ default: { Some_Key: { inner_key: 1 } } }],
      },
    };
    const opaque = ["serverTool.headers", "serverTool.parameters.default"];
    const resource = fromApi<any>(api, opaque);
    expect(resource).toEqual({
      serverTool: {
        headers: { "X-Api_Key": "v", content_type: "x" },
        parameters: [{ default: { Some_Key: { inner_key: 1 } } }],
      },
    });
    expect(toApi(resource, opaque)).toEqual(api);
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (headers) => {
        expect(toApi(fromApi({ m: headers }, ["m"]), ["m"])).toEqual({ m: headers });
      }),
    );
  });

  it("a __proto__ key stays a plain field and round-trips", () => {
    const payload = JSON.parse('{"__proto__": {"polluted": true}}');
    const back = toApi<any>(fromApi<any>(payload));
    expect(Object.keys(back)).toEqual(["__proto__"]);
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(({} as any).polluted).toBeUndefined();
  });

  it("a key that would not round-trip is kept verbatim (an API key with upper-case letters)", () => {
    expect(toCamelKey("fooBar_baz")).toBe("fooBar_baz");
    expect(fromApi({ fooBar_baz: 1 })).toEqual({ fooBar_baz: 1 });
    expect(toSnakeKey("fooBar_baz")).toBe("fooBar_baz");
    expect(toApi({ fooBar_baz: 1 })).toEqual({ fooBar_baz: 1 });
  });

  it("only the opaque path itself is kept verbatim: its siblings are converted", () => {
    const api = { server_tool: { headers: { X_Api_Key: "v" }, response_timeout: { max_seconds: 5 } } };
    const resource = { serverTool: { headers: { X_Api_Key: "v" }, responseTimeout: { maxSeconds: 5 } } };
    expect(fromApi(api, ["serverTool.headers"])).toEqual(resource);
    expect(toApi(resource, ["serverTool.headers"])).toEqual(api);
  });

  it("`*` in an opaque path matches any one key: what lies below each is kept verbatim", () => {
    const api = { variables: { first_var: { user_key: 1 }, second: { other_key: 2 } }, top_level: { x_y: 3 } };
    const resource = { variables: { firstVar: { user_key: 1 }, second: { other_key: 2 } }, topLevel: { xY: 3 } };
    expect(fromApi(api, ["variables.*"])).toEqual(resource);
    expect(toApi(resource, ["variables.*"])).toEqual(api);
  });

  it("a converted object is an ordinary one: its keys can be written, deleted and redefined", () => {
    const resource = fromApi<Record<string, unknown>>({ first_message: "hi", nested: { max_tokens: 1 } });
    resource.firstMessage = "bye";
    expect(resource).toEqual({ firstMessage: "bye", nested: { maxTokens: 1 } });
    delete resource.firstMessage;
    Object.defineProperty(resource, "nested", { value: 2, enumerable: true });
    expect(resource).toEqual({ nested: 2 });
  });
});
