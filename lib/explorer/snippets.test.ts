import { describe, expect, it } from 'vitest';
import { curlSnippet, nodeSnippet, pythonSnippet, snippetFileName, type SnippetRequest } from './snippets';

const BIG = 'QUJD'.repeat(250_000); // a megabyte of base64
const upload: SnippetRequest = {
  action: 'DetectLabel',
  params: { ImageBase64: BIG, Scenes: ['WEB', 'NEWS'] },
  endpoint: 'api.example.com:8443',
  protocol: 'https://',
  secretId: 'AKIDexample0000000000000000000000000',
  imageFile: 'coffee.jpg',
};
const byUrl: SnippetRequest = { ...upload, action: 'CropImage', params: { ImageUrl: "https://img.example/it's.jpg", Width: 16, Height: 9 }, imageFile: undefined };
const moderation: SnippetRequest = { ...upload, action: 'ImageModeration', params: { ImageBase64: BIG, Scenes: ['PORN'], Extra: 'batch "7"' } };

const ALL = [nodeSnippet, pythonSnippet, curlSnippet];

describe('the snippets', () => {
  it('never inline an uploaded image: each reads the chosen file instead', () => {
    for (const snippet of ALL) {
      const code = snippet(upload);
      expect(code).not.toContain('QUJD');
      expect(code.length).toBeLessThan(5_000);
      expect(code).toContain('coffee.jpg');
    }
    expect(nodeSnippet(upload)).toContain('  ImageBase64: fs.readFileSync("coffee.jpg").toString("base64"),');
    expect(pythonSnippet(upload)).toContain('    "ImageBase64": base64.b64encode(open("coffee.jpg", "rb").read()).decode(),');
    expect(curlSnippet(upload)).toContain(`PAYLOAD='{"ImageBase64":"'"$(base64 < 'coffee.jpg' | tr -d '\\n')"'","Scenes":["WEB","NEWS"]}'`);
  });

  it('carry the SecretId, the <SecretKey> placeholder, the endpoint, region and action', () => {
    expect(nodeSnippet(upload)).toContain('credential: { secretId: "AKIDexample0000000000000000000000000", secretKey: "<SecretKey>" },');
    expect(nodeSnippet(upload)).toContain('profile: { httpProfile: { endpoint: "api.example.com:8443", protocol: "https://" } },');
    expect(nodeSnippet(upload)).toContain('region: "ap-guangzhou",');
    expect(nodeSnippet(upload)).toContain('client.DetectLabel(params).then(');
    expect(nodeSnippet(upload)).toContain('new tencentcloud.tiia.v20190529.Client(');
    expect(pythonSnippet(upload)).toContain('cred = credential.Credential("AKIDexample0000000000000000000000000", "<SecretKey>")');
    expect(pythonSnippet(upload)).toContain('http_profile = HttpProfile(protocol="https", endpoint="api.example.com:8443")');
    expect(pythonSnippet(upload)).toContain('req = models.DetectLabelRequest()');
    expect(pythonSnippet(upload)).toContain('    print(client.DetectLabel(req).to_json_string(indent=2))');
    const curl = curlSnippet(upload);
    expect(curl).toContain("SECRET_ID='AKIDexample0000000000000000000000000'");
    expect(curl).toContain("SECRET_KEY='<SecretKey>'");
    expect(curl).toContain("HOST='api.example.com:8443'");
    expect(curl).toContain("ACTION='DetectLabel'");
    expect(curl).toContain(`curl -sS 'https://'"$HOST/" --data-binary @-`);
    expect(curl).toContain('-H "X-TC-Region: ap-guangzhou"');
    expect(curl).toContain('-H "X-TC-Version: 2019-05-29"');
    expect(nodeSnippet({ ...upload, region: 'ap-shanghai' })).toContain('region: "ap-shanghai",');
  });

  it('send an URL and integer parameters as they are, quoted safely for each language', () => {
    expect(nodeSnippet(byUrl)).toContain(`  ImageUrl: "https://img.example/it's.jpg",\n  Width: 16,\n  Height: 9,\n};`);
    expect(nodeSnippet(byUrl)).not.toContain('require("fs")');
    expect(pythonSnippet(byUrl)).toContain(`    "ImageUrl": "https://img.example/it's.jpg",\n    "Width": 16,\n    "Height": 9,\n}`);
    expect(pythonSnippet(byUrl)).toMatch(/^import json$/m);
    expect(curlSnippet(byUrl)).toContain(`PAYLOAD='{"ImageUrl":"https://img.example/it'\\''s.jpg","Width":16,"Height":9}'`);
  });

  it('call ImageModeration and DetectCelebrity through CommonClient, which both SDKs keep', () => {
    const node = nodeSnippet(moderation);
    expect(node).toContain('const { CommonClient } = require("tencentcloud-sdk-nodejs/tencentcloud/common/common_client");');
    expect(node).toContain('const client = new CommonClient("api.example.com:8443", "2019-05-29", {');
    expect(node).toContain('client.request("ImageModeration", params).then(');
    expect(node).toContain('  Extra: "batch \\"7\\"",');
    const py = pythonSnippet({ ...moderation, action: 'DetectCelebrity', params: { ImageBase64: BIG } });
    expect(py).toContain('client = CommonClient("tiia", "2019-05-29", cred, "ap-guangzhou", profile=ClientProfile(httpProfile=http_profile))');
    expect(py).toContain('print(json.dumps(client.call_json("DetectCelebrity", params), ensure_ascii=False, indent=2))');
    expect(py).not.toContain('tiia_client');
  });

  it('writes the Python literals of booleans and null', () => {
    const py = pythonSnippet({ ...byUrl, params: { ImageUrl: 'https://a/b.png', Flag: true, Off: false, None: null } });
    expect(py).toContain('    "Flag": True,\n    "Off": False,\n    "None": None,');
  });
});

describe('snippetFileName', () => {
  it('keeps letters, digits, dot, dash and underscore; anything else becomes _', () => {
    expect(snippetFileName('猫 照片 (1).jpg')).toBe('猫_照片_1_.jpg');
    expect(snippetFileName(`a"b'c$(rm).png`)).toBe('a_b_c_rm_.png');
    expect(snippetFileName('-rf.jpg')).toBe('rf.jpg');
    expect(snippetFileName('')).toBe('image.jpg');
    expect(snippetFileName(undefined)).toBe('image.jpg');
  });
});
