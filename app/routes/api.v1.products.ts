import { listApiProducts } from "~/models/api.server";
import { apiResponse, json } from "~/routes/api.server";

export const loader = () => apiResponse(async () => json({ products: await listApiProducts() }));
