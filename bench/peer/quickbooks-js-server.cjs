// quickbooks-js 1.0.0 (npm), run as it is meant to be run: its Server with a qbXMLHandler module
// (fetchRequests / handleResponse / didReceiveError, as in its bin/run and bin/qbXMLHandler), in a process of its
// own so the bench measures its CPU and memory alone. Settings come from its own environment variables
// (QB_SOAP_PORT, QB_USERNAME, QB_PASSWORD; lib/server.js, lib/web-service.js); the SOAP endpoint is /wsdl.
//
// The handler does the least a real one must: hand over the qbXML messages the bench prepared (one request each,
// PEER_MESSAGES_FILE, a JSON array), and read each answer only as far as an iterator needs — when QuickBooks says
// records remain, the next page (iterator="Continue" with its iteratorID) goes to the end of the same queue
// array, which quickbooks-js reads by reference at each sendRequestXML (web-service.js). It stores nothing.
'use strict';
const { readFileSync } = require('node:fs');
const QuickbooksServer = require('quickbooks-js');

const messages = JSON.parse(readFileSync(process.env.PEER_MESSAGES_FILE, 'utf8'));
let queue = [];
let sent = 0;
let answers = 0;
let errors = 0;

const handler = {
  fetchRequests(callback) {
    queue = messages.slice();
    callback(null, queue);
  },
  handleResponse(response) {
    answers += 1;
    // The response element's opening tag (e.g. <BillQueryRs requestID=… iteratorRemainingCount="…" iteratorID="…">)
    // is near the start of the message: only that much is read.
    const head = response.slice(0, 600);
    const remaining = /iteratorRemainingCount="(\d+)"/.exec(head);
    if (remaining && Number(remaining[1]) > 0) {
      const iteratorId = /iteratorID="([^"]+)"/.exec(head)[1];
      // The request this answers is the last one handed out (one request per round trip).
      const asked = queue[answers - 1];
      queue.push(asked.replace(/iterator="(Start|Continue)"( iteratorID="[^"]*")?/, `iterator="Continue" iteratorID="${iteratorId}"`));
    }
    if (/statusSeverity="Error"/.test(head)) errors += 1;
  },
  didReceiveError() {
    errors += 1;
  },
};

const server = new QuickbooksServer();
server.setQBXMLHandler(handler);
server.run();
sent = messages.length;

// The bench asks for the handler's counts over IPC when the session is over.
process.on('message', (message) => {
  if (message === 'counts') process.send({ prepared: sent, queued: queue.length, answers, errors });
});
