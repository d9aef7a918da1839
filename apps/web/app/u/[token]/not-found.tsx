import { UnsubscribeNotFound } from "@/modules/unsubscribe/unsubscribe-page";

export default UnsubscribeNotFound;
