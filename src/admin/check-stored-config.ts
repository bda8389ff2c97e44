import type { GatewayConfig } from '../config/gateway-config-schema.ts';
import { buildStoredConfigDocument, mergeStoredConfig } from '../store/merge-stored-config.ts';
import type { StoredConfig } from '../store/stored-config.ts';
import { AdminFieldError, type FieldProblem, formatFieldPath } from './admin-field-error.ts';

/** Which element of the config the body being saved became, and how its config keys are named in the body. */
export interface CheckFocus {
  readonly section: 'providers' | 'master_keys';
  readonly isFocus: (element: Record<string, unknown>) => boolean;
  /** config key -> body field (`name` -> `id`, `enabled` -> `is_enabled`). */
  readonly fieldNames: Readonly<Record<string, string>>;
}

/**
 * Validates the config the store would hold after a change, merged with the YAML, exactly as a reload will
 * (merge-stored-config.ts); throws AdminFieldError with every problem. Problems of the element being saved
 * are named by its body fields (`weight`), others by their path in the config (`models.gpt-4.routes[0].provider`:
 * a deleted provider that a route still names).
 */
export function checkStoredConfig(yamlConfig: GatewayConfig, next: StoredConfig, focus: CheckFocus): void {
  const result = mergeStoredConfig(yamlConfig, next);
  if (result.issues === undefined) return;
  const document = buildStoredConfigDocument(next, yamlConfig.verify_ssl);
  const section = document[focus.section] as Record<string, unknown>[];
  const fields: FieldProblem[] = result.issues.map((issue) => {
    const [sectionName, index, key, ...rest] = issue.path;
    const element = sectionName === focus.section && typeof index === 'number' ? section[index] : undefined;
    if (element !== undefined && focus.isFocus(element) && key !== undefined) {
      const fieldName = typeof key === 'string' ? (focus.fieldNames[key] ?? key) : key;
      return { param: formatFieldPath([fieldName, ...rest]), message: issue.message };
    }
    return { param: formatFieldPath(issue.path), message: issue.message };
  });
  throw new AdminFieldError(fields);
}
