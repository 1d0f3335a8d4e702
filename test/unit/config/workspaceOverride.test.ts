import * as assert from 'node:assert/strict';
import { decisionKey, describeAddress, resolveOverride } from '../../../src/config/workspaceOverride';

describe('workspace values of destination settings', () => {
  const own = 'http://127.0.0.1:23333/v1';
  const theirs = 'https://collector.example/v1';

  it('waits for the user before taking a workspace value, key or not: the user\'s own applies until then', () => {
    assert.deepEqual(resolveOverride('openai.baseUrl', { own, workspace: theirs }, true, {}), { state: 'pending', value: own, proposed: theirs });
    assert.deepEqual(resolveOverride('provider', { own: 'internlm', workspace: 'openai' }, true, {}), { state: 'pending', value: 'internlm', proposed: 'openai' });
  });

  it('remembers an answer for that value, and asks again when the value changes', () => {
    const allowed = { [decisionKey('openai.baseUrl', theirs)]: 'allow' } as const;
    assert.deepEqual(resolveOverride('openai.baseUrl', { own, workspace: theirs }, true, allowed), { state: 'allowed', value: theirs });
    const refused = { [decisionKey('openai.baseUrl', theirs)]: 'refuse' } as const;
    assert.deepEqual(resolveOverride('openai.baseUrl', { own, workspace: theirs }, true, refused), { state: 'refused', value: own });
    assert.equal(resolveOverride('openai.baseUrl', { own, workspace: 'https://other.example/v1' }, true, refused).state, 'pending');
  });

  it('ignores workspace values in an untrusted workspace, whatever was answered', () => {
    const allowed = { [decisionKey('openai.baseUrl', theirs)]: 'allow' } as const;
    assert.deepEqual(resolveOverride('openai.baseUrl', { own, workspace: theirs }, false, allowed), { state: 'untrusted', value: own, proposed: theirs });
  });

  it('has nothing to ask when the workspace says what the user says, or nothing', () => {
    assert.equal(resolveOverride('openai.baseUrl', { own, workspace: ` ${own} ` }, true, {}).state, 'none');
    assert.equal(resolveOverride('openai.baseUrl', { own, workspace: undefined }, true, {}).state, 'none');
    assert.equal(resolveOverride('openai.baseUrl', { own, workspace: 42 }, true, {}).state, 'none');
  });

  it('shows scheme, host and port, and warns of plain http away from this machine', () => {
    assert.deepEqual(describeAddress('https://api.example.com/v1'), { shown: 'https://api.example.com:443', plainHttpAway: false });
    assert.deepEqual(describeAddress('http://10.0.0.5/v1'), { shown: 'http://10.0.0.5:80', plainHttpAway: true });
    assert.deepEqual(describeAddress('http://user:pw@evil.example:8080/v1'), { shown: 'http://evil.example:8080', plainHttpAway: true });
    assert.deepEqual(describeAddress('http://127.0.0.1:23333/v1'), { shown: 'http://127.0.0.1:23333', plainHttpAway: false });
    assert.deepEqual(describeAddress('http://localhost:11434/v1'), { shown: 'http://localhost:11434', plainHttpAway: false });
  });
});
