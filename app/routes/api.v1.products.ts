import { listApiProducts } from "~/models/api.server";
import { apiResponse, json } from "~/utils/api.server";

export const loader = () => apiResponse(async () => json({ products: await listApiProducts() }));
