import { resolve } from 'node:path';
import { startServer } from './server';

// The bundle is server/out/server.js, two levels below the package root.
startServer(resolve(__dirname, '..', '..'));
