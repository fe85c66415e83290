// The source category of a referrer, as both builds of the beacon work it out, against the host lists of
// the beacon before issue 19 (one regular expression per list, "*" for a public suffix), which the compact
// pattern in beacon-src.js replaced: every host must still be classified the same. The builds run in a
// node:vm context with a stub of what they use of the browser; no browser needed.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import vm from 'node:vm';
import { buildBeacons } from '../scripts/build-beacon.mjs';

// The lists as they were, and how they were read.
const SEARCH_HOSTS = 'google.* bing.com duckduckgo.com yahoo.* ecosia.org qwant.com startpage.com ' +
  'yandex.* ya.ru baidu.com search.brave.com ask.com aol.com naver.com seznam.cz sogou.com so.com ' +
  'lilo.org mojeek.com metager.org kagi.com googlequicksearchbox';
const SOCIAL_HOSTS = 'facebook.com fb.com messenger.com instagram.com t.co twitter.com x.com ' +
  'linkedin.com lnkd.in reddit.com tiktok.com youtube.com youtu.be pinterest.* snapchat.com ' +
  'whatsapp.com wa.me telegram.org t.me threads.net bsky.app mastodon.social tumblr.com vk.com ' +
  'discord.com com.facebook.katana';
const hosts = (list) => new RegExp(`(^|\\.)(${list.replace(/\./g, '\\.')
  .replace(/\*/g, '(com?\\.)?[a-z]{2,3}').replace(/ /g, '|')})$`);
const SEARCH = hosts(SEARCH_HOSTS);
const SOCIAL = hosts(SOCIAL_HOSTS);
const expected = (hostname) => (SEARCH.test(hostname) ? 'search' : SOCIAL.test(hostname) ? 'social' : 'other');

// Hostnames: every listed host with public suffixes for "*", with subdomains, look-alikes and near misses,
// then random strings of labels drawn from the lists (a fixed seed, so every run tries the same).
function hostnames() {
  const suffixes = ['com', 'be', 'nl', 'de', 'co', 'co.uk', 'com.au', 'co.jp', 'org', 'info', 'c', 'comx',
    'co.ukk', 'com.b', 'uk.co'];
  const listed = `${SEARCH_HOSTS} ${SOCIAL_HOSTS}`.split(' ')
    .flatMap((host) => (host.includes('*') ? suffixes.map((suffix) => host.replace('*', suffix)) : [host]));
  const names = new Set();
  for (const host of listed) {
    for (const variant of [host, `www.${host}`, `m.${host}`, `a.b.${host}`, `not${host}`, `${host}.evil.net`,
      `${host}x`, host.replace('.', '-'), host.replace('.', ''), host.slice(1), `x-${host}`, `${host}.`]) {
      names.add(variant);
    }
  }
  // Each listed name under each suffix of the lists (t.be, wa.co, kagi.org, …).
  const first = new Set(listed.map((host) => host.split('.')[0]));
  const last = new Set(listed.map((host) => host.slice(host.indexOf('.') + 1)).filter(Boolean));
  for (const name of first) for (const suffix of last) names.add(`${name}.${suffix}`);
  const labels = [...new Set(listed.flatMap((host) => host.split('.')))]
    .concat(['www', 'm', 'l', 'old', 'news', 'example', 'a', 'b', 'uk', 'au', 'jp', 'net', 'google', 'ask']);
  let seed = 19;
  const random = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor(seed / 65536) % n;
  };
  for (let i = 0; i < 4000; i++) {
    const parts = Array.from({ length: 1 + random(4) }, () => labels[random(labels.length)]);
    names.add(parts.join('.'));
  }
  names.add('');
  names.add('localhost');
  names.add('127.0.0.1');
  names.add('com.google.android.googlequicksearchbox');
  names.add('android-app.example');
  return [...names];
}

// Runs a build once per referrer in one context and returns the source category it sent.
function runner(code) {
  const sent = [];
  const document = {
    currentScript: { dataset: { site: 'selfhelp', endpoint: 'https://api.helpline.example/v1/beacons' } },
    referrer: '',
    prerendering: false,
    querySelector: () => null,
    addEventListener: () => {}
  };
  const context = vm.createContext({
    document,
    navigator: { sendBeacon: (url, json) => sent.push(JSON.parse(json)) > 0 },
    location: new URL('https://selfhelp.example/module/3'),
    performance: { getEntriesByType: () => [{ type: 'navigate' }] },
    localStorage: { removeItem: () => {} },
    URL,
    URLSearchParams,
    setTimeout: () => {},
    addEventListener: () => {}
  });
  context.window = context;
  const script = new vm.Script(code);
  return (referrer) => {
    document.referrer = referrer;
    sent.length = 0;
    script.runInContext(context);
    assert.equal(sent.length, 1, `one beacon from ${referrer}`);
    return sent[0].source;
  };
}

let builds;
before(async () => {
  builds = await buildBeacons({ write: false });
});

for (const mode of ['anonymous', 'returning']) {
  test(`the ${mode} build classifies every referrer host as the lists did`, () => {
    const source = runner(builds[mode].code);
    const names = hostnames();
    const wrong = names.filter((name) => name.length > 0 && !/\.\.|^\.|\.$/.test(name))
      .map((name) => [name, source(`https://${name}/page?q=1`), expected(name)])
      .filter(([, actual, wanted]) => actual !== wanted);
    assert.deepEqual(wrong, []);
    assert.ok(names.length > 4000, `${names.length} hosts tried`);
    const counts = {};
    for (const name of names.filter((n) => n && !/\.\.|^\.|\.$/.test(n))) {
      counts[expected(name)] = (counts[expected(name)] || 0) + 1;
    }
    assert.ok(counts.search > 100 && counts.social > 100 && counts.other > 1000, JSON.stringify(counts));
  });

  test(`the ${mode} build: no referrer is direct, the same origin internal, an Android app by its package`, () => {
    const source = runner(builds[mode].code);
    assert.equal(source(''), 'direct');
    assert.equal(source('https://selfhelp.example/module/2'), 'internal');
    assert.equal(source('https://selfhelp.example:8443/'), 'other');
    assert.equal(source('http://selfhelp.example/'), 'other');
    assert.equal(source('android-app://com.google.android.googlequicksearchbox/'), 'search');
    assert.equal(source('android-app://com.facebook.katana/'), 'social');
    assert.equal(source('not a url'), 'other');
  });
}
