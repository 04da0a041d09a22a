// A Socket.IO 4.8 server for the load tool's comparison, for measurement only (the
// product itself needs no npm): the same fan-out path as the product's, over Socket.IO.
//
//   node server.js [port]    (or PORT=...; 0 or none picks a free port)
//
// Listens on 127.0.0.1 and prints "listening on 127.0.0.1:<port>" once it does.
// A socket joins a room by the "room" query parameter or a "join" event with an ack;
// a "publish" event ({ room, text }) is broadcast to the room as "msg", then acknowledged
// with { ok: true }, like the product's publish, broadcast, acknowledgement.
"use strict";

const http = require("node:http");
const { Server } = require("socket.io");

const port = Number(process.argv[2] ?? process.env.PORT ?? 0);
const httpServer = http.createServer();
const io = new Server(httpServer, { serveClient: false });

io.on("connection", (socket) => {
  const room = socket.handshake.query.room;
  if (typeof room === "string" && room !== "") {
    socket.join(room);
  }
  socket.on("join", (name, ack) => {
    socket.join(String(name));
    if (typeof ack === "function") {
      ack({ ok: true });
    }
  });
  socket.on("publish", (message, ack) => {
    // Everyone in the room, the sender too if it joined (the load tool's publisher does not).
    io.to(String(message?.room)).emit("msg", message);
    if (typeof ack === "function") {
      ack({ ok: true });
    }
  });
});

httpServer.listen(port, "127.0.0.1", () => {
  console.log(`listening on 127.0.0.1:${httpServer.address().port}`);
});
