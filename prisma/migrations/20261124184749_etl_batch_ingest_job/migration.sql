-- AlterTable
ALTER TABLE "etl_batch" ADD COLUMN     "ingest_job" TEXT;
