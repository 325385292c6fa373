import { z } from "zod";

/** The file store's slice of the environment: local folder or S3, and the download-link secret. */
export const filesEnvSchema = z.object({
  MOTCUA_FILES_DIR: z.string().optional().describe("File store folder; default <data dir>/files"),
  MOTCUA_FILE_URL_SECRET: z
    .string()
    .min(16)
    .optional()
    .describe("Signs download links; generated and kept in the database when unset"),
  MOTCUA_S3_ENDPOINT: z
    .string()
    .url()
    .optional()
    .describe("S3-compatible file store; unset: the local file system"),
  MOTCUA_S3_BUCKET: z.string().default("motcua-files").describe("S3 bucket"),
  MOTCUA_S3_REGION: z.string().default("ap-southeast-1").describe("S3 region"),
  MOTCUA_S3_ACCESS_KEY: z.string().default("").describe("S3 access key"),
  MOTCUA_S3_SECRET_KEY: z.string().default("").describe("S3 secret key"),
});

export type FilesEnv = z.infer<typeof filesEnvSchema>;
