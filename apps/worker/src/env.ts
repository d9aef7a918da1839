import { databaseEnv, loadDotEnv, loadEnvOrExit, logEnv, queueEnv, redisEnv, workerEnv } from "@dangol/config";

loadDotEnv();

export const env = loadEnvOrExit({ ...databaseEnv, ...redisEnv, ...logEnv, ...workerEnv, ...queueEnv });
