import type { ApiAction } from '@/lib/catalog';

// 在线调试's request as ready-to-run code: the official Node SDK, the official Python SDK
// and a curl signed in the shell with TC3-HMAC-SHA256 (the algorithm of
// server/gateway/tc3.ts, written out in openssl). The SecretKey never reaches the browser,
// so every snippet carries the placeholder SECRET_KEY_PLACEHOLDER for the customer to fill.
// An uploaded picture is not pasted into the code as megabytes of base64: the snippet reads
// it from the file the customer chose, which must lie next to the script.

export const SECRET_KEY_PLACEHOLDER = '<SecretKey>';
export const API_VERSION = '2019-05-29';
export const DEFAULT_REGION = 'ap-guangzhou';

/** Dropped from the 2019-05-29 client of both SDKs' current releases: called through CommonClient (docs/api.md). */
const COMMON_CLIENT_ACTIONS: readonly ApiAction[] = ['ImageModeration', 'DetectCelebrity'];

export interface SnippetRequest {
  action: ApiAction;
  /** As sent: ImageBase64 (replaced by a read of `imageFile`) or ImageUrl, then the action's parameters. */
  params: Record<string, unknown>;
  /** host[:port] of the API, and 'http://' or 'https://' (server/api-keys/endpoint.ts sdkEndpoint). */
  endpoint: string;
  protocol: string;
  region?: string;
  secretId: string;
  /** The uploaded file's name, read by the snippet instead of inlining its base64. */
  imageFile?: string;
}

/** A file name safe inside any of the three languages' string literals and the shell. */
export function snippetFileName(name: string | undefined): string {
  const safe = (name ?? '').replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[.-]+/, '');
  return safe || 'image.jpg';
}

function entries(req: SnippetRequest): [string, unknown][] {
  return Object.entries(req.params);
}

function pyLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (Array.isArray(v)) return `[${v.map(pyLiteral).join(', ')}]`;
  if (typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${pyLiteral(x)}`).join(', ')}}`;
  // JSON strings and numbers are Python literals as they are.
  return JSON.stringify(v);
}

export function nodeSnippet(req: SnippetRequest): string {
  const file = snippetFileName(req.imageFile);
  const common = COMMON_CLIENT_ACTIONS.includes(req.action);
  const usesFs = 'ImageBase64' in req.params;
  const params = entries(req).map(([k, v]) => `  ${k}: ${k === 'ImageBase64' ? `fs.readFileSync(${JSON.stringify(file)}).toString("base64")` : JSON.stringify(v)},`);
  const config = `{
  credential: { secretId: ${JSON.stringify(req.secretId)}, secretKey: ${JSON.stringify(SECRET_KEY_PLACEHOLDER)} },
  region: ${JSON.stringify(req.region ?? DEFAULT_REGION)},
  profile: { httpProfile: { endpoint: ${JSON.stringify(req.endpoint)}, protocol: ${JSON.stringify(req.protocol)} } },
}`;
  return [
    '// npm install tencentcloud-sdk-nodejs',
    `// 将 ${SECRET_KEY_PLACEHOLDER} 替换为该密钥的 SecretKey（仅在创建密钥时显示），保存为 explorer.js 后运行：node explorer.js`,
    ...(usesFs ? ['const fs = require("fs");'] : []),
    common
      ? '// 该接口已不在新版 SDK 的 tiia 客户端中，用通用客户端 CommonClient 调用\nconst { CommonClient } = require("tencentcloud-sdk-nodejs/tencentcloud/common/common_client");'
      : 'const tencentcloud = require("tencentcloud-sdk-nodejs");',
    '',
    common
      ? `const client = new CommonClient(${JSON.stringify(req.endpoint)}, ${JSON.stringify(API_VERSION)}, ${config});`
      : `const client = new tencentcloud.tiia.v20190529.Client(${config});`,
    '',
    'const params = {',
    ...params,
    '};',
    `client${common ? `.request(${JSON.stringify(req.action)}, params)` : `.${req.action}(params)`}.then(`,
    '  (res) => console.log(JSON.stringify(res, null, 2)),',
    '  (err) => console.error(err.code, err.message, err.requestId),',
    ');',
    '',
  ].join('\n');
}

export function pythonSnippet(req: SnippetRequest): string {
  const file = snippetFileName(req.imageFile);
  const common = COMMON_CLIENT_ACTIONS.includes(req.action);
  const usesFile = 'ImageBase64' in req.params;
  const params = entries(req).map(
    ([k, v]) => `    ${JSON.stringify(k)}: ${k === 'ImageBase64' ? `base64.b64encode(open(${JSON.stringify(file)}, "rb").read()).decode()` : pyLiteral(v)},`,
  );
  const call = common
    ? [
        `client = CommonClient("tiia", ${JSON.stringify(API_VERSION)}, cred, ${JSON.stringify(req.region ?? DEFAULT_REGION)}, profile=ClientProfile(httpProfile=http_profile))`,
        'try:',
        `    print(json.dumps(client.call_json(${JSON.stringify(req.action)}, params), ensure_ascii=False, indent=2))`,
      ]
    : [
        `client = tiia_client.TiiaClient(cred, ${JSON.stringify(req.region ?? DEFAULT_REGION)}, ClientProfile(httpProfile=http_profile))`,
        `req = models.${req.action}Request()`,
        'req.from_json_string(json.dumps(params))',
        'try:',
        `    print(client.${req.action}(req).to_json_string(indent=2))`,
      ];
  return [
    '# pip install tencentcloud-sdk-python',
    `# 将 ${SECRET_KEY_PLACEHOLDER} 替换为该密钥的 SecretKey（仅在创建密钥时显示），保存为 explorer.py 后运行：python3 explorer.py`,
    `import ${usesFile ? 'base64\nimport ' : ''}json`,
    '',
    'from tencentcloud.common import credential',
    ...(common ? ['from tencentcloud.common.common_client import CommonClient'] : []),
    'from tencentcloud.common.exception.tencent_cloud_sdk_exception import TencentCloudSDKException',
    'from tencentcloud.common.profile.client_profile import ClientProfile',
    'from tencentcloud.common.profile.http_profile import HttpProfile',
    ...(common ? [] : ['from tencentcloud.tiia.v20190529 import models, tiia_client']),
    '',
    `cred = credential.Credential(${JSON.stringify(req.secretId)}, ${JSON.stringify(SECRET_KEY_PLACEHOLDER)})`,
    `http_profile = HttpProfile(protocol=${JSON.stringify(req.protocol.replace('://', ''))}, endpoint=${JSON.stringify(req.endpoint)})`,
    '',
    'params = {',
    ...params,
    '}',
    ...call,
    'except TencentCloudSDKException as err:',
    '    print(err.get_code(), err.get_message(), err.get_request_id())',
    '',
  ].join('\n');
}

/** Single-quoted for the shell: '…' with each ' written as '\''. */
function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The body as a shell word: the JSON, with the file's base64 spliced in where ImageBase64 goes. */
function shellPayload(req: SnippetRequest): string {
  const marker = '\u0000IMAGE\u0000';
  const json = JSON.stringify(Object.fromEntries(entries(req).map(([k, v]) => [k, k === 'ImageBase64' ? marker : v])));
  const [before, after] = json.split(JSON.stringify(marker));
  if (after === undefined) return shellQuote(json);
  // base64 | tr: macOS's base64 has no -w0; either way the output must be one line.
  return `${shellQuote(`${before}"`)}"$(base64 < ${shellQuote(snippetFileName(req.imageFile))} | tr -d '\\n')"${shellQuote(`"${after}`)}`;
}

export function curlSnippet(req: SnippetRequest): string {
  const host = req.endpoint.toLowerCase();
  return [
    '#!/usr/bin/env bash',
    `# TC3-HMAC-SHA256 签名后用 curl 调用 ${req.action}（需要 bash、openssl、curl）。`,
    `# 将 ${SECRET_KEY_PLACEHOLDER} 替换为该密钥的 SecretKey（仅在创建密钥时显示），保存为 explorer.sh 后运行：bash explorer.sh`,
    'set -euo pipefail',
    `SECRET_ID=${shellQuote(req.secretId)}`,
    `SECRET_KEY=${shellQuote(SECRET_KEY_PLACEHOLDER)}`,
    `HOST=${shellQuote(host)}`,
    `ACTION=${shellQuote(req.action)}`,
    `PAYLOAD=${shellPayload(req)}`,
    '',
    'TIMESTAMP=$(date +%s)',
    '# 凭证日期：时间戳的 UTC 日期（GNU date 用 -d，macOS 用 -r）',
    'DATE=$(date -u -d "@$TIMESTAMP" +%Y-%m-%d 2>/dev/null || date -u -r "$TIMESTAMP" +%Y-%m-%d)',
    'sha256() { openssl dgst -sha256 | sed "s/^.* //"; }',
    'hmac() { openssl dgst -sha256 -mac HMAC -macopt "$1" | sed "s/^.* //"; }',
    '# 规范请求串：方法、路径、查询串、签名头（小写）、签名头列表、请求体的 SHA-256',
    `CANONICAL=$(printf 'POST\\n/\\n\\ncontent-type:application/json\\nhost:%s\\n\\ncontent-type;host\\n%s' "$HOST" "$(printf '%s' "$PAYLOAD" | sha256)")`,
    'SCOPE="$DATE/tiia/tc3_request"',
    `STRING_TO_SIGN=$(printf 'TC3-HMAC-SHA256\\n%s\\n%s\\n%s' "$TIMESTAMP" "$SCOPE" "$(printf '%s' "$CANONICAL" | sha256)")`,
    `SECRET_DATE=$(printf '%s' "$DATE" | hmac "key:TC3$SECRET_KEY")`,
    `SECRET_SERVICE=$(printf '%s' tiia | hmac "hexkey:$SECRET_DATE")`,
    `SECRET_SIGNING=$(printf '%s' tc3_request | hmac "hexkey:$SECRET_SERVICE")`,
    `SIGNATURE=$(printf '%s' "$STRING_TO_SIGN" | hmac "hexkey:$SECRET_SIGNING")`,
    '',
    '# 请求体经标准输入交给 curl：几 MB 的图片放不进命令行参数',
    `printf '%s' "$PAYLOAD" | curl -sS ${shellQuote(`${req.protocol}`)}"$HOST/" --data-binary @- \\`,
    '  -H "Authorization: TC3-HMAC-SHA256 Credential=$SECRET_ID/$SCOPE, SignedHeaders=content-type;host, Signature=$SIGNATURE" \\',
    '  -H "Content-Type: application/json" \\',
    '  -H "Host: $HOST" \\',
    '  -H "X-TC-Action: $ACTION" \\',
    '  -H "X-TC-Timestamp: $TIMESTAMP" \\',
    `  -H "X-TC-Version: ${API_VERSION}" \\`,
    `  -H "X-TC-Region: ${req.region ?? DEFAULT_REGION}"`,
    '',
  ].join('\n');
}
