// Imported first by the in-process benches (lagesbild.ts): the test application's sign-in helpers run
// as under vitest, where better-auth's origin check knows it is a test. Never set in the servers that
// npm run bench measures over HTTP (they run with NODE_ENV=production in processes of their own).
process.env.NODE_ENV = 'test';
