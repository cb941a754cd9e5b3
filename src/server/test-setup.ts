import { useCheapPasswordHashingForTests } from './accounts';

// Server and sync suites sign in hundreds of times: argon2id at its real cost (19 MiB, 2 passes)
// would take most of their time. accounts.test.ts checks the real cost separately.
useCheapPasswordHashingForTests();
