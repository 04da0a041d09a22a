// @stomp/stompjs in one request. Its WebJar's ES modules are 19 files, each a request of
// its own; the WebJar also ships the library as one UMD bundle, which, run as a module,
// defines globalThis.StompJs. This module runs it (the import map names it) and exports
// what it defines under the names of the library's ES modules, so that
// `import { Client } from '@stomp/stompjs'` works as with those.
import '@stomp/stompjs/bundles/stomp.umd.min.js';

export const {
  ActivationState,
  Client,
  CompatClient,
  FrameImpl,
  Parser,
  ReconnectionTimeMode,
  Stomp,
  StompConfig,
  StompHeaders,
  StompSocketState,
  TickerStrategy,
  Versions,
} = globalThis.StompJs;
