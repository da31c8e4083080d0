/** The one header better-auth reads the client's address from. The bridge sets it from Fastify's `request.ip`. */
export const CLIENT_IP_HEADER = 'x-samverka-client-ip';
