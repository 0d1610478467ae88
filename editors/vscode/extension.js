// Starts `obs lsp` (the obs-as-code language server) for the workspace's TypeScript files.
// Not published: install it from this folder (docs/editor.md).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { window, workspace } = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

/** @type {LanguageClient | undefined} */
let client;

/**
 * The obs CLI script: the setting, the workspace's own bin/obs.js (obs's repository), or the installed package's.
 * @param {string} folder
 * @returns {string | undefined}
 */
function obsScript(folder) {
  const configured = workspace.getConfiguration('obs').get('server.path');
  if (configured) return configured;
  for (const candidate of [join(folder, 'bin', 'obs.js'), join(folder, 'node_modules', 'obs-as-code', 'bin', 'obs.js')]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

exports.activate = async function activate() {
  const folder = workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) return;
  const script = obsScript(folder);
  if (!script) {
    void window.showWarningMessage('obs: no bin/obs.js in this workspace and no obs-as-code in node_modules; set obs.server.path.');
    return;
  }
  // The server is a Node program: run it with the Node that runs the project (on PATH), not VS Code's.
  const run = { command: 'node', args: [script, 'lsp', '--stdio'], options: { cwd: folder } };
  client = new LanguageClient('obs', 'obs', { run, debug: run }, {
    documentSelector: [{ scheme: 'file', language: 'typescript' }],
  });
  await client.start();
};

exports.deactivate = function deactivate() {
  return client?.stop();
};
