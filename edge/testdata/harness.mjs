// Test harness: executes generated edge functions the way their runtimes do.
// Run: node --experimental-vm-modules harness.mjs
// Protocol: one JSON request per stdin line, one JSON answer per stdout line, in order.
//   {"op":"load","id":"f","kind":"cff"|"lambda","code":"..."}
//   {"op":"run","id":"f","event":{...},"now":<ms>,"env":{...}}  -> {"ok":true,"result":...,"calls":[...]}
//   {"op":"bench","id":"f","events":[...],"iterations":N,"env":{...}} -> {"ok":true,"medianNs":..,"p99Ns":..}
//   {"op":"script","code":"..."} -> {"ok":true,"result":<completion value>}
// CloudFront Functions: the code is an ES module importing 'cloudfront'; a synthetic module
// provides cf.selectRequestOriginById / updateRequestOrigin / createRequestOriginGroup and records
// each call. The runtime finds the top-level `handler` by name; here it is exported for the test.
// Lambda@Edge: CommonJS index.js with exports.handler; require only serves node:crypto, and the
// context gets a fake process.env (credentials) and a Date fixed to the request's "now".
import vm from 'node:vm';
import crypto from 'node:crypto';
import readline from 'node:readline';

const loaded = new Map();

function newContext() {
  const ctx = vm.createContext({ process: { env: {} }, __now: 0 });
  vm.runInContext(`(function () {
    const RealDate = Date;
    globalThis.Date = class extends RealDate {
      constructor(...a) { if (a.length === 0) super(globalThis.__now); else super(...a); }
      static now() { return globalThis.__now; }
    };
  })();`, ctx);
  return ctx;
}

async function loadCFF(code) {
  const ctx = newContext();
  const state = { calls: [] };
  const record = (fn) => (...args) => { state.calls.push({ fn, args: JSON.parse(JSON.stringify(args)) }); };
  const cf = {
    selectRequestOriginById: record('selectRequestOriginById'),
    updateRequestOrigin: record('updateRequestOrigin'),
    createRequestOriginGroup: record('createRequestOriginGroup'),
  };
  const cfModule = new vm.SyntheticModule(['default'], function () { this.setExport('default', cf); }, { context: ctx });
  const mod = new vm.SourceTextModule(code + '\nexport { handler };\n', { context: ctx, identifier: 'cloudfront-function.js' });
  await mod.link((specifier) => {
    if (specifier === 'cloudfront') return cfModule;
    throw new Error('module not available in CloudFront Functions: ' + specifier);
  });
  await mod.evaluate();
  const handler = mod.namespace.handler;
  if (typeof handler !== 'function') throw new Error('no top-level handler function');
  return { ctx, state, invoke: (event) => handler(event) };
}

function loadLambda(code) {
  const ctx = newContext();
  const state = { calls: [] };
  const wrapper = vm.runInContext('(function (exports, require, module) {' + code + '\n})', ctx, { filename: 'index.js' });
  const module = { exports: {} };
  const require = (name) => {
    if (name === 'node:crypto' || name === 'crypto') return crypto;
    throw new Error('module not packaged: ' + name);
  };
  wrapper(module.exports, require, module);
  const handler = module.exports.handler;
  if (typeof handler !== 'function') throw new Error('no exports.handler');
  return { ctx, state, invoke: (event) => handler(event, {}) };
}

function prepare(fn, msg) {
  fn.ctx.process.env = msg.env || {};
  fn.ctx.__now = msg.now || 0;
  fn.state.calls.length = 0;
}

async function handle(msg) {
  switch (msg.op) {
    case 'load':
      loaded.set(msg.id, msg.kind === 'cff' ? await loadCFF(msg.code) : loadLambda(msg.code));
      return { ok: true };
    case 'run': {
      const fn = loaded.get(msg.id);
      prepare(fn, msg);
      const result = await fn.invoke(msg.event);
      return { ok: true, result: JSON.parse(JSON.stringify(result)), calls: fn.state.calls.slice() };
    }
    case 'bench': {
      const fn = loaded.get(msg.id);
      prepare(fn, msg);
      const times = new Array(msg.iterations);
      for (let i = 0; i < msg.iterations; i++) {
        const event = structuredClone(msg.events[i % msg.events.length]);
        fn.state.calls.length = 0;
        const t0 = process.hrtime.bigint();
        await fn.invoke(event);
        times[i] = Number(process.hrtime.bigint() - t0);
      }
      times.sort((a, b) => a - b);
      const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
      return { ok: true, medianNs: at(0.5), p99Ns: at(0.99) };
    }
    case 'script': {
      const result = vm.runInContext(msg.code, vm.createContext({}), { filename: 'script.js' });
      return { ok: true, result: JSON.parse(JSON.stringify(result === undefined ? null : result)) };
    }
    default:
      throw new Error('unknown op ' + msg.op);
  }
}

const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of rl) {
  if (!line.trim()) continue;
  let answer;
  try {
    answer = await handle(JSON.parse(line));
  } catch (e) {
    answer = { ok: false, error: String(e && e.stack || e) };
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
}
