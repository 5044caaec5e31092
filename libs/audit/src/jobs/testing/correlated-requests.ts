import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import request from 'supertest';

/**
 * GET and POST as a token, under a correlation id (fresh unless given): how a spec finds the trail
 * entries one request left.
 */
export function correlatedRequests(server: () => Server) {
  return {
    get: (url: string, token: string, correlationId = randomUUID()) =>
      request(server()).get(url).set('Authorization', `Bearer ${token}`).set('X-Correlation-Id', correlationId),
    post: (url: string, token: string, body: object, correlationId = randomUUID()) =>
      request(server())
        .post(url)
        .set('Authorization', `Bearer ${token}`)
        .set('X-Correlation-Id', correlationId)
        .send(body),
  };
}
