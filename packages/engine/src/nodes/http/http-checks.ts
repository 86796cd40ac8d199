import type { CheckFinding } from '../../define-node-type';
import { BODYLESS_METHODS, fillBody, MEDIA_PLACEHOLDER } from './build-request';
import type { HttpConfig } from './http-schema';
import { parsePath } from './read-path';

/** Design-time findings beyond the schema: the URL's scheme, a body or parts that cannot be sent, paths. */
export function httpChecks(config: HttpConfig): CheckFinding[] {
  const findings: CheckFinding[] = [];
  const add = (severity: CheckFinding['severity'], field: string, message: string) => findings.push({ severity, field, message });
  if (!/^(https?:\/\/[^/\s]|\{\{)/i.test(config.url))
    add('error', 'data.url', 'must start with http:// or https:// (or a {{variable}} holding the base URL)');
  const bodyless = BODYLESS_METHODS.includes(config.method);
  const multipart = config.bodyFormat === 'multipart';
  if (config.body && bodyless) add('warning', 'data.body', `is not sent with ${config.method}`);
  if (config.body && multipart) add('warning', 'data.body', 'is not sent with the multipart format; its parts are');
  if (config.body && config.bodyFormat === 'json' && !bodyless && !parsesAsJson(config.body))
    add('error', 'data.body', 'is not valid JSON (with every {{variable}} filled in)');
  const parts = config.parts ?? [];
  if (parts.length > 0 && !multipart) add('warning', 'data.parts', 'are sent only with the multipart body format');
  if (multipart && bodyless) add('warning', 'data.parts', `are not sent with ${config.method}`);
  if (multipart && !bodyless && parts.length === 0) add('error', 'data.parts', 'needs at least one part with the multipart body format');
  parts.forEach((part, i) => {
    if ((part.value === undefined) === (part.media === undefined))
      add('error', `data.parts[${i}]`, `"${part.name}" needs either a value or a media file, not both`);
    else if (part.media !== undefined && !MEDIA_PLACEHOLDER.test(part.media))
      add('error', `data.parts[${i}].media`, 'must be one {{variable}} holding a media file, e.g. {{voice}}');
  });
  (config.responseMapping ?? []).forEach((mapping, i) => {
    if (!parsePath(mapping.path))
      add('error', `data.responseMapping[${i}].path`, `"${mapping.path}" is not a path like data.items[0].name`);
  });
  return findings;
}

/** Whether a JSON body template is valid JSON whatever its variables hold. */
function parsesAsJson(body: string): boolean {
  try {
    JSON.parse(fillBody(body, 'json', () => 'sample'));
    return true;
  } catch {
    return false;
  }
}
