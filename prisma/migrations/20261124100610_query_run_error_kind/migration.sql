-- AlterTable
ALTER TABLE "query_run" ADD COLUMN     "error_kind" VARCHAR(16),
ADD COLUMN     "error_position" INTEGER;
