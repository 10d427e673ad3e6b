-- CreateTable
CREATE TABLE "zalo_auth_request" (
    "state" TEXT NOT NULL,
    "code_verifier" TEXT NOT NULL,
    "redirect_uri" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "zalo_auth_request_pkey" PRIMARY KEY ("state")
);

-- CreateIndex
CREATE INDEX "zalo_auth_request_created_at_idx" ON "zalo_auth_request"("created_at");
