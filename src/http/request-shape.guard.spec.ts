import { requestShapeProblem } from './request-shape.guard';

function nested(depth: number): unknown {
  let value: unknown = {};
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

describe('requestShapeProblem', () => {
  it('accepts a body 32 levels deep with 100 keys', () => {
    expect(requestShapeProblem(nested(32), 'body')).toBeNull();
    expect(requestShapeProblem(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i])), 'body')).toBeNull();
  });

  it('refuses 33 levels, and 10,000 levels without overflowing the stack', () => {
    expect(requestShapeProblem(nested(33), 'body')).toMatch(/nested more than 32 levels/);
    expect(requestShapeProblem(nested(10_000), 'body')).toMatch(/nested more than 32 levels/);
    expect(requestShapeProblem(JSON.parse('['.repeat(10_000) + ']'.repeat(10_000)), 'body')).toMatch(/nested/);
  });

  it('refuses 85,000 keys after counting 101 of them', () => {
    const wide = Object.fromEntries(Array.from({ length: 85_000 }, (_, i) => [`k${i}`, 1]));
    expect(requestShapeProblem(wide, 'body')).toBe('body has more than 100 keys');
    expect(requestShapeProblem({ list: Array.from({ length: 101 }, () => 1) }, 'body')).toBe('body has more than 100 keys');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s at any depth, naming where', (key) => {
    expect(requestShapeProblem(JSON.parse(`{"${key}":{"by":5}}`), 'body')).toBe(`body.${key}: the key '${key}' is not allowed`);
    expect(requestShapeProblem(JSON.parse(`{"a":[{"b":{"${key}":1}}]}`), 'query')).toBe(`query.a.0.b.${key}: the key '${key}' is not allowed`);
  });

  it('accepts scalars and absent bodies', () => {
    for (const value of [undefined, null, 'text', 5, true]) expect(requestShapeProblem(value, 'body')).toBeNull();
  });
});
