-- AlterTable
ALTER TABLE "agency" ADD COLUMN     "learned_from" TEXT;

-- AlterTable
ALTER TABLE "task" ADD COLUMN     "lead_collective" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "needs_assignment" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "task_agency" ADD COLUMN     "via_collective" TEXT;
