import { databaseEnv, loadDotEnv, loadEnvOrExit, logEnv, redisEnv, workerEnv } from "@dangol/config";

loadDotEnv();

export const env = loadEnvOrExit({ ...databaseEnv, ...redisEnv, ...logEnv, ...workerEnv });
