-- AlterTable
ALTER TABLE "delivery" ADD COLUMN     "job_key" UUID NOT NULL DEFAULT gen_random_uuid();
