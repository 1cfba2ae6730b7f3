-- AlterTable
ALTER TABLE "Schedule" ADD COLUMN     "mailWhenFinished" BOOLEAN NOT NULL DEFAULT false;

