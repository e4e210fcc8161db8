/*
 * The failure converter when payloads are encrypted (platform/codec.ts): a failure's message
 * and stack trace travel as an encoded payload, which the codec then encrypts (an SMTP refusal
 * names the address it refused). Decoding reads either form.
 *
 * Plain CommonJS, not TypeScript: the SDK loads it by path — bundled into the workflows by
 * webpack, and `require()`d as it is by the worker and every client — from the compiled build,
 * from tsx and from the tests alike.
 */
'use strict';
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
