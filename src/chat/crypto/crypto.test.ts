// The platforms' official test vectors, and round trips for any message.
import fc from 'fast-check';
import aesjs from 'aes-js';
import { describe, expect, it } from 'vitest';
import wecom from '../../../test/fixtures/platforms/wecom.json';
import dingtalk from '../../../test/fixtures/platforms/dingtalk.json';
import feishu from '../../../test/fixtures/platforms/feishu.json';
import feishuChallenge from '../../../test/fixtures/platforms/feishu/02_url_verification_encrypted.json';
import { fromBase64 } from './bytes';
import { dingSign, dingVerify } from './dingtalk';
import { larkDecrypt, larkEncrypt, larkSignature } from './feishu';
import { wxDecrypt, wxEncrypt, wxKeyBytes, wxSignature, wxVerify } from './wxcrypt';

const [verifyUrl, decryptMsg] = wecom.vectors as any[];

describe('WeCom (official vectors)', () => {
  it('verifies the URL: signature and echostr', async () => {
    const v = verifyUrl.inputs;
    expect(await wxSignature(v.token, v.timestamp, v.nonce, v.echostr)).toBe(verifyUrl.expected.signature);
    const out = await wxDecrypt(wxKeyBytes(v.encodingAESKey)!, v.echostr);
    expect(out).toEqual({
      ok: true,
      message: verifyUrl.expected.echo_plaintext,
      receiveId: verifyUrl.expected.receiveid,
    });
  });

  it('decrypts a text message', async () => {
    const v = decryptMsg.inputs;
    expect(await wxVerify(v.token, v.timestamp, v.nonce, v.Encrypt, v.msg_signature)).toBe(true);
    expect(await wxVerify(v.token, v.timestamp, v.nonce, v.Encrypt, v.msg_signature.replace(/^0/, '1'))).toBe(
      false,
    );
    const out = await wxDecrypt(wxKeyBytes(v.encodingAESKey)!, v.Encrypt);
    expect(out).toEqual({
      ok: true,
      message: decryptMsg.expected.xml,
      receiveId: decryptMsg.expected.receiveid,
    });
  });

  it('encrypts exactly like the reference passive reply', async () => {
    const v = decryptMsg.inputs;
    const key = wxKeyBytes(v.encodingAESKey)!;
    const ct = await wxEncrypt(
      key,
      decryptMsg.expected.xml,
      v.receiveid,
      new TextEncoder().encode('aaaabbbbccccdddd'),
    );
    expect(ct).toBe(
      'RBkZDeI8jqj0PZbWAaXjNSGqs2H22V+L1jJZYpx5DeduZLbtZoEZWjNFp8COY5HMiYSTwPGpT+2PbzwY/z4PZ9CuaPmqXjbgDSSVAqqp0HFQf79Ft2NsUqPmZPLOBGI6atKj0UTF3VR5JxvNprmlyGxYPjttLTAgn8dlPxHCkFySllcRlP9GkjjKWnTLNSuSqxQi6bZEY+rIjd6faOzsMTga8IqFCVLlCUZCPwfXqE40/fOoPMK7Yg++op/FKacMT3Qe+m0dlCdy28rv5ukR1+JaimDoIROWm+z0jzyxgLkQeM2YmyygSkITUkBzsAj/Fb7MbBhbQBwXCNMS4xxwdDJufSphT/K0VX3IKz4NHuF8pfmICXlBs5wsN6J5z+Cd',
    );
    expect(await wxSignature(v.token, v.timestamp, v.nonce, ct)).toBe(
      'a85c273941a449a667ac6bd384e2d83eff7ccc1b',
    );
  });

  it('round-trips any message, and an independent AES (aes-js) agrees', async () => {
    const key = wxKeyBytes(decryptMsg.inputs.encodingAESKey)!;
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (message) => {
        const ct = await wxEncrypt(key, message, 'corp');
        expect(await wxDecrypt(key, ct)).toEqual({ ok: true, message, receiveId: 'corp' });
        const raw = new aesjs.ModeOfOperation.cbc(key, key.slice(0, 16)).decrypt(fromBase64(ct)!);
        const pad = raw[raw.length - 1]!;
        expect(pad).toBeGreaterThanOrEqual(1);
        expect(pad).toBeLessThanOrEqual(32);
        expect(raw.length % 32).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses garbled or truncated ciphertext without throwing', async () => {
    const key = wxKeyBytes(decryptMsg.inputs.encodingAESKey)!;
    const good = decryptMsg.inputs.Encrypt as string;
    for (const bad of [
      '',
      'abc',
      good.slice(0, 44),
      `${good.slice(0, -8)}AAAAAAA=`,
      good.replace(/^K/, 'L'),
      '!!!!',
    ]) {
      const out = await wxDecrypt(key, bad);
      if (out.ok) expect(out.receiveId).not.toBe(decryptMsg.expected.receiveid);
    }
    await fc.assert(
      fc.asyncProperty(fc.base64String({ maxLength: 200 }), async (s) => {
        await wxDecrypt(key, s);
      }),
    );
  });
});

describe('DingTalk', () => {
  it('decrypts the official callback-crypto vector with the same 32-byte-padding cipher', async () => {
    const v = (dingtalk.vectors as any[])[0].inputs;
    expect(await wxSignature(v.token, v.timeStamp, v.nonce, v.encrypt)).toBe(v.msg_signature);
    expect(await wxDecrypt(wxKeyBytes(v.aesKey)!, v.encrypt)).toEqual({
      ok: true,
      message: '{"EventType":"check_url"}',
      receiveId: v.ownerKey,
    });
  });

  it('signs robot callbacks and refuses other secrets and old timestamps', async () => {
    const now = 1_577_262_236_757;
    // The self-generated vector of the custom group robot: secret 'this is secret'.
    expect(await dingSign('this is secret', '1577262236757')).toBe(
      decodeURIComponent('hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D'),
    );
    const sign = await dingSign('s3cret', String(now));
    expect(await dingVerify('s3cret', String(now), sign, now + 1000)).toBe('valid');
    expect(await dingVerify('other', String(now), sign, now)).toBe('invalid');
    expect(await dingVerify('s3cret', String(now), sign, now + 3600_001)).toBe('stale');
    expect(await dingVerify('s3cret', 'abc', sign, now)).toBe('invalid');
  });
});

describe('Feishu', () => {
  it('decrypts the official sample and the encrypted url_verification', async () => {
    const v = (feishu.vectors as any[])[0];
    expect(await larkDecrypt(v.inputs.encrypt_key, v.inputs.encrypt)).toBe('hello world');
    const challenge = JSON.parse((await larkDecrypt('test key', feishuChallenge.encrypt))!);
    expect(challenge).toMatchObject({ challenge: 'ajls384kdj', type: 'url_verification' });
  });

  it('round-trips, signs, and refuses garbage', async () => {
    const ct = await larkEncrypt('k', '{"a":1}');
    expect(await larkDecrypt('k', ct)).toBe('{"a":1}');
    expect(await larkDecrypt('other', ct)).not.toBe('{"a":1}');
    expect(await larkDecrypt('k', 'not base64!')).toBeNull();
    expect(await larkSignature('1', '2', 'k', new TextEncoder().encode('{}'))).toMatch(/^[0-9a-f]{64}$/);
  });
});
