-- CreateTable
CREATE TABLE "web_login" (
    "id" SERIAL NOT NULL,
    "token_hash" TEXT NOT NULL,
    "officer_id" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "web_login_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "web_session" (
    "id" SERIAL NOT NULL,
    "id_hash" TEXT NOT NULL,
    "officer_id" INTEGER NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "web_session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "web_login_token_hash_key" ON "web_login"("token_hash");

-- CreateIndex
CREATE INDEX "web_login_officer_id_idx" ON "web_login"("officer_id");

-- CreateIndex
CREATE UNIQUE INDEX "web_session_id_hash_key" ON "web_session"("id_hash");

-- CreateIndex
CREATE INDEX "web_session_officer_id_idx" ON "web_session"("officer_id");

-- AddForeignKey
ALTER TABLE "web_login" ADD CONSTRAINT "web_login_officer_id_fkey" FOREIGN KEY ("officer_id") REFERENCES "officer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "web_session" ADD CONSTRAINT "web_session_officer_id_fkey" FOREIGN KEY ("officer_id") REFERENCES "officer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
