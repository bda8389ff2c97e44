import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import { z } from 'zod';
import { gatewayConfigSchema } from './gateway-config-schema.ts';
import { parseConfigText } from './load-config.ts';

const examplePath = new URL('../../config.example.yaml', import.meta.url);
const exampleText = readFileSync(examplePath, 'utf8');

test('config.example.yaml loads with no environment variables set', () => {
  const config = parseConfigText(exampleText, {}, 'config.example.yaml');
  assert.equal(config.server.port, 18000);
  assert.ok(
    config.providers.some((provider) => provider.type === 'mock'),
    'runs without any API key',
  );
});

/** Every key path the schema accepts, such as `providers[].model_mapping` or `models.*.routes[].weight`. */
function collectSchemaKeyPaths(schema: z.ZodType, prefix: string): string[] {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) return collectSchemaKeyPaths(schema.unwrap() as z.ZodType, prefix);
  if (schema instanceof z.ZodPipe) return collectSchemaKeyPaths(schema.in as z.ZodType, prefix);
  if (schema instanceof z.ZodUnion) return schema.options.flatMap((option) => collectSchemaKeyPaths(option as z.ZodType, prefix));
  if (schema instanceof z.ZodArray) return collectSchemaKeyPaths(schema.element as z.ZodType, `${prefix}[]`);
  if (schema instanceof z.ZodRecord) {
    const values = collectSchemaKeyPaths(schema.valueType as z.ZodType, `${prefix}.*`);
    return values.length > 0 ? values : [prefix];
  }
  if (schema instanceof z.ZodObject) {
    return Object.entries(schema.shape as Record<string, z.ZodType>).flatMap(([key, child]) => {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      return [path, ...collectSchemaKeyPaths(child, path)];
    });
  }
  return [];
}

/** Whether some value in the document sits at `path` (`[]` = any element, `*` = any key). */
function documentHasPath(value: unknown, segments: readonly string[]): boolean {
  const [segment, ...rest] = segments;
  if (segment === undefined) return true;
  if (segment === '[]') return Array.isArray(value) && value.some((item) => documentHasPath(item, rest));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (segment === '*') return Object.values(record).some((item) => documentHasPath(item, rest));
  return Object.hasOwn(record, segment) && documentHasPath(record[segment], rest);
}

test('config.example.yaml shows every key the schema accepts', () => {
  const document: unknown = parse(exampleText);
  const keyPaths = collectSchemaKeyPaths(gatewayConfigSchema, '');
  assert.ok(keyPaths.includes('providers[].model_mapping'), 'the schema walk found nested keys');
  const missing = keyPaths.filter((keyPath) => !documentHasPath(document, keyPath.split(/\.|(?=\[\])/)));
  assert.deepEqual(missing, [], 'add these keys, with a comment, to config.example.yaml');
});
