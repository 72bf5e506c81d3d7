import { Card } from '@/components/ui/card';
import { CopyButton } from './copy-button';

function exampleCode(endpoint: string, protocol: string): string {
  return `// npm install tencentcloud-sdk-nodejs
const fs = require("fs");
const tencentcloud = require("tencentcloud-sdk-nodejs");
const TiiaClient = tencentcloud.tiia.v20190529.Client;

const client = new TiiaClient({
  credential: {
    secretId: process.env.TENCENTCLOUD_SECRET_ID,
    secretKey: process.env.TENCENTCLOUD_SECRET_KEY,
  },
  region: "ap-guangzhou",
  profile: { httpProfile: { endpoint: "${endpoint}", protocol: "${protocol}" } },
});

client
  .AssessQuality({ ImageBase64: fs.readFileSync(process.argv[2]).toString("base64") })
  .then((res) => console.log(res))
  .catch((err) => console.error(err.code, err.message));`;
}

/** A ready-to-run call with the official Node SDK, pointed at this deployment's API. */
export function SdkExample({ endpoint, protocol, secretId }: { endpoint: string; protocol: string; secretId?: string }) {
  const code = exampleCode(endpoint, protocol);
  const run = `TENCENTCLOUD_SECRET_ID=${secretId ?? 'AKID...'} TENCENTCLOUD_SECRET_KEY=<SecretKey> node example.js photo.jpg`;
  return (
    <Card title="使用官方 Node.js SDK 调用" extra={<CopyButton text={code} label="复制代码" />}>
      <p className="mb-3 text-sm text-muted">
        本服务兼容腾讯云 API 3.0（TC3-HMAC-SHA256 签名），官方 SDK 只需把 endpoint 指向 <code className="text-ink">{protocol}{endpoint}</code>。将下面的代码保存为 example.js：
      </p>
      <pre data-testid="sdk-example" className="overflow-x-auto border border-line bg-page p-4 text-xs leading-5">
        {code}
      </pre>
      <p className="mt-3 mb-1 text-sm text-muted">运行：</p>
      <pre className="overflow-x-auto border border-line bg-page p-3 text-xs">{run}</pre>
    </Card>
  );
}
